// The arithmetic of `accord backtest` (docs/backtest.md): the bootstrap that resamples whole
// proposals, the folds, the Brier and log scores, and errors.csv on a small hand-made table.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <stdexcept>

#include "accord/backtest.hpp"
#include "accord/backtest_folds.hpp"
#include "accord/backtest_scenario_terms.hpp"
#include "accord/backtest_scores.hpp"
#include "accord/stated_position.hpp"

using namespace accord;

TEST_CASE("The bootstrap resamples whole clusters", "[backtest]") {
    // Cluster 0 holds 2 and 4, cluster 1 holds 9. A replicate draws two clusters: 00 -> 3, 11 -> 9,
    // 01 or 10 -> 15 / 3 = 5; each extreme has probability 1/4, so the 2.5% and 97.5% percentiles
    // of 2000 replicates are 3 and 9.
    const std::vector<double> values = {2, 4, 9};
    const auto clustered = cluster_bootstrap_mean(values, {0, 0, 1}, 2, 2000, 7);
    CHECK(clustered.estimate == 5);
    REQUIRE(clustered.low);
    CHECK(*clustered.low == 3);
    CHECK(*clustered.high == 9);
    // Resampling the values one by one instead reaches 2 (all three draws 2: probability 1/27 > 2.5%).
    const auto single = cluster_bootstrap_mean(values, {0, 1, 2}, 3, 2000, 7);
    CHECK(single.estimate == 5);
    CHECK(*single.low == 2);
    CHECK(*single.high == 9);
    // The same seed gives the same interval; one cluster gives none.
    const auto again = cluster_bootstrap_mean(values, {0, 0, 1}, 2, 2000, 7);
    CHECK(*again.low == *clustered.low);
    CHECK(*again.high == *clustered.high);
    const auto one = cluster_bootstrap_mean(values, {0, 0, 0}, 1, 2000, 7);
    CHECK(one.estimate == 5);
    CHECK_FALSE(one.low);
    CHECK_FALSE(one.high);
}

TEST_CASE("Brier and log scores of hand-computed forecasts", "[backtest]") {
    const std::vector<double> p = {0.8, 0.3, 0.5};
    const std::vector<bool> y = {true, false, false};
    CHECK(brier_score(p, y) == Approx((0.04 + 0.09 + 0.25) / 3));
    CHECK(log_score(p, y) == Approx(-(std::log(0.8) + std::log(0.7) + std::log(0.5)) / 3));
    CHECK(log_score({0.5, 0.5}, {true, false}) == Approx(std::log(2.0)));
    CHECK(frequency_forecast(3, 4) == Approx(0.7));
    CHECK(frequency_forecast(0, 0) == 0.5);
    CHECK(frequency_forecast(10, 10) == Approx(10.5 / 11));
}

TEST_CASE("The scenario's terms are the mean over the runs with the observed outcome", "[backtest]") {
    // Four runs on two issues: two deals (0.2, 0.6) and (0.4, 0.8), two failed runs leaving the
    // texts (0.9, 0.1) and (0.7, 0.3) on the table. By hand: the deals' mean (0.3, 0.7); the failed
    // runs' (0.8, 0.2); all four pooled (0.55, 0.45), the forecast of earlier versions.
    const auto run = [](bool agreed, double a, double b) {
        RunResult r;
        r.agreed = agreed;
        r.terms = {a, b};
        return r;
    };
    const std::vector<RunResult> runs = {run(true, 0.2, 0.6), run(false, 0.9, 0.1), run(true, 0.4, 0.8),
                                         run(false, 0.7, 0.3)};
    const auto agreed = scenario_terms_forecast(runs, true, 2);
    CHECK(agreed[0] == Approx(0.3));
    CHECK(agreed[1] == Approx(0.7));
    const auto failed = scenario_terms_forecast(runs, false, 2);
    CHECK(failed[0] == Approx(0.8));
    CHECK(failed[1] == Approx(0.2));
    const auto pooled = scenario_terms_forecast(runs, std::nullopt, 2);
    CHECK(pooled[0] == Approx(0.55));
    CHECK(pooled[1] == Approx(0.45));
    // An agreement observed where no run agreed: no prediction (NaN, an empty cell of cases.csv).
    const std::vector<RunResult> none_agreed = {run(false, 0.9, 0.1), run(false, 0.7, 0.3)};
    const auto missing = scenario_terms_forecast(none_agreed, true, 2);
    CHECK(std::isnan(missing[0]));
    CHECK(std::isnan(missing[1]));
}

TEST_CASE("Folds hold out whole proposals", "[backtest]") {
    std::vector<FoldProposal> proposals;
    for (long n = 1; n <= 7; ++n) {
        std::string id(1, 'p');  // built with append: GCC 12 warns falsely on "p" + string
        id.append(std::to_string(n));
        proposals.push_back({id, n});
    }
    proposals.push_back({"p3", 3});  // a second issue of proposal 3
    FoldSpec spec{FoldSpec::Kind::k_fold, 3, 42};
    const auto fold = assign_folds(proposals, spec);
    REQUIRE(fold.size() == 7);
    std::map<std::string, int> size;
    for (const auto& [id, f] : fold) ++size[f];
    CHECK(size == std::map<std::string, int>{{"1", 3}, {"2", 2}, {"3", 2}});
    CHECK(assign_folds(proposals, spec) == fold);
    CHECK(fold_labels(spec) == std::vector<std::string>{"1", "2", "3"});
    spec.k = 8;
    CHECK_THROWS_AS(assign_folds(proposals, spec), std::invalid_argument);
    spec.k = 1;
    CHECK_THROWS_AS(assign_folds(proposals, spec), std::invalid_argument);

    const FoldSpec odd_even{FoldSpec::Kind::odd_even, 0, 1};
    const auto parity = assign_folds(proposals, odd_even);
    CHECK(parity.at("p1") == "odd");
    CHECK(parity.at("p4") == "even");
    CHECK(parity.at("p7") == "odd");
    CHECK(fold_labels(odd_even) == std::vector<std::string>{"odd", "even"});
    CHECK(assign_folds(proposals, FoldSpec{}).at("p2") == "all");
}

namespace {

// Observed 50 on a 0-100 scale; the scenario and Nash predict as the compromise model.
CasePrediction issue(const std::string& proposal, double compromise, double median, std::optional<double> eu,
                     const std::string& fold) {
    CasePrediction p{proposal, "x", 50, 100, {compromise, compromise, median, compromise, eu}, proposal, fold};
    p.predicted.resize(backtest_models().size());  // the DEU models and blends predict nothing here
    return p;
}

const ModelError& row(const std::vector<ModelError>& rows, const std::string& fold, const std::string& model) {
    for (const auto& r : rows)
        if (r.fold == fold && r.model == model) return r;
    throw std::runtime_error(std::string("no row ").append(fold).append(" ").append(model));
}

}  // namespace

TEST_CASE("errors.csv on a hand-made table: differences, held-out parts, base rate fitted on training", "[backtest]") {
    // Absolute errors (compromise, median): A (10, 0) and (10, 20); B (0, 6); C (30, 0).
    const std::vector<CasePrediction> predictions = {issue("A", 60, 50, 60, "odd"), issue("A", 40, 70, 40, "odd"),
                                                     issue("B", 50, 56, 50, "odd"),
                                                     issue("C", 80, 50, std::nullopt, "even")};
    const std::vector<AgreementPrediction> agreements = {
        {"A", "A", true, 0.9, "odd"}, {"B", "B", true, 0.6, "odd"}, {"C", "C", false, 0.3, "even"}};
    const auto rows = backtest_errors(predictions, agreements, {"odd", "even"}, 5);
    REQUIRE(rows.size() == 3 * (backtest_models().size() + 1));  // every model and the base rate, for all, odd, even
    CHECK_FALSE(row(rows, "all", "procedural").mae);  // the DEU models predict nothing on these cases
    CHECK(row(rows, "all", "blend-procedural").cases == 0);

    const auto& compromise = row(rows, "all", "weighted-mean");
    CHECK(compromise.cases == 4);
    CHECK(*compromise.mae == Approx(12.5));
    CHECK(*compromise.rmse == Approx(std::sqrt(275.0)));
    CHECK_FALSE(compromise.diff_vs_compromise);
    const auto& median = row(rows, "all", "weighted-median");
    CHECK(*median.mae == Approx(6.5));
    CHECK(*median.diff_vs_compromise == Approx(-6));
    // Proposals A (sum 0 over 2 issues), B (+6), C (-30): CCC and BBB each have probability 1/27.
    CHECK(*median.diff_low == Approx(-30));
    CHECK(*median.diff_high == Approx(6));
    CHECK(row(rows, "all", "expected-utility").cases == 3);
    CHECK(*row(rows, "all", "nash").diff_vs_compromise == 0);

    CHECK(*row(rows, "odd", "weighted-median").diff_vs_compromise == Approx(26.0 / 3 - 20.0 / 3));
    const auto& even = row(rows, "even", "weighted-median");
    CHECK(*even.diff_vs_compromise == Approx(-30));
    CHECK_FALSE(even.diff_low);  // one proposal: no interval
    CHECK(row(rows, "even", "expected-utility").cases == 0);
    CHECK_FALSE(row(rows, "even", "expected-utility").mae);

    // Agreement: the scenario's forecasts, and the base rate (KT estimate) fitted on the rest.
    CHECK(*row(rows, "all", "scenario").brier == Approx((0.01 + 0.16 + 0.09) / 3));
    CHECK(*row(rows, "all", "scenario").log_score == Approx(-(std::log(0.9) + std::log(0.6) + std::log(0.7)) / 3));
    CHECK_FALSE(row(rows, "all", "weighted-median").brier);
    const auto& base_all = row(rows, "all", "base-rate");  // 2.5 / 4 = 0.625
    CHECK(base_all.cases == 3);
    CHECK(*base_all.brier == Approx((2 * 0.375 * 0.375 + 0.625 * 0.625) / 3));
    CHECK_FALSE(base_all.mae);
    const auto& base_even = row(rows, "even", "base-rate");  // trained on A, B: 2.5 / 3
    CHECK(*base_even.brier == Approx(std::pow(2.5 / 3, 2)));
    CHECK(*base_even.log_score == Approx(std::log(6.0)));
    const auto& base_odd = row(rows, "odd", "base-rate");  // trained on C: 0.5 / 2
    CHECK(*base_odd.brier == Approx(0.5625));
    CHECK(*base_odd.log_score == Approx(std::log(4.0)));
    CHECK(*row(rows, "even", "scenario").brier == Approx(0.09));

    const std::string csv = errors_csv(rows);
    CHECK(csv.rfind("model,cases,mae,rmse,fold,diff_vs_compromise,diff_low,diff_high,brier,log_score\n", 0) == 0);
    CHECK(csv.find("\nweighted-mean,4,12.5,") != std::string::npos);
    const std::string empty_models(backtest_models().size() - 5, ',');
    CHECK(cases_csv(predictions)
              .find(",blend-unweighted,stack,stack-all,choice-cap,choice-cap10,fold\nA,x,50,60,60,50,60,60" +
                    empty_models + ",odd\n") != std::string::npos);
}

TEST_CASE("The pooled part scores every case on its held-out predictions", "[backtest]") {
    // The table of the test above: the models fitted to nothing score on the pooled part as on
    // `all`; the base rate of each case is the one fitted without its part.
    const std::vector<CasePrediction> predictions = {issue("A", 60, 50, 60, "odd"), issue("A", 40, 70, 40, "odd"),
                                                     issue("B", 50, 56, 50, "odd"),
                                                     issue("C", 80, 50, std::nullopt, "even")};
    const std::vector<AgreementPrediction> agreements = {
        {"A", "A", true, 0.9, "odd"}, {"B", "B", true, 0.6, "odd"}, {"C", "C", false, 0.3, "even"}};
    const auto plain = backtest_errors(predictions, agreements, {"odd", "even"}, 5);
    const auto rows = backtest_errors(predictions, agreements, {"odd", "even"}, 5, true);
    REQUIRE(rows.size() == 4 * (backtest_models().size() + 1));
    // Opt-in: the rows before the pooled ones are those without it, byte for byte.
    CHECK(errors_csv(rows).rfind(errors_csv(plain), 0) == 0);
    const auto& median = row(rows, "pooled", "weighted-median");
    CHECK(median.cases == 4);
    CHECK(*median.mae == Approx(6.5));
    CHECK(*median.diff_vs_compromise == Approx(-6));
    CHECK(*median.diff_low == Approx(-30));  // CCC and BBB, each 1/27 of the draws, as for `all`
    CHECK(*median.diff_high == Approx(6));
    // A and B agreed, base rate fitted on C: 0.5 / 2 = 0.25; C failed, fitted on A, B: 2.5 / 3.
    const auto& base = row(rows, "pooled", "base-rate");
    CHECK(base.cases == 3);
    CHECK(*base.brier == Approx((0.75 * 0.75 * 2 + std::pow(2.5 / 3, 2)) / 3));
    CHECK(*base.log_score == Approx((2 * std::log(4.0) + std::log(6.0)) / 3));
    CHECK(*row(rows, "pooled", "scenario").brier == Approx((0.01 + 0.16 + 0.09) / 3));
    // Without held-out parts there is nothing to pool.
    CHECK(backtest_errors(predictions, agreements, {}, 5, true).size() == backtest_models().size() + 1);
}

TEST_CASE("The pooled part takes each fitted model's prediction from the fit without the case's part", "[backtest]") {
    // Odd proposals A, B: observed 100 = the procedural prediction; even C: observed 0 = the
    // compromise. Held out, the blend towards the procedural model is fitted on the other part:
    // w = 0 for A and B (predicts 0, errors 100, 100), w = 1 for C (predicts 100, error 100).
    auto blend_case = [](const std::string& proposal, double observed, const std::string& fold) {
        CasePrediction p{proposal, "x", observed, 100, std::vector<std::optional<double>>(backtest_models().size()),
                         proposal, fold};
        p.predicted[backtest_compromise_model] = 0.0;
        p.predicted[backtest_model_index("procedural")] = 100.0;
        return p;
    };
    const std::vector<CasePrediction> predictions = {blend_case("A", 100, "odd"), blend_case("B", 100, "odd"),
                                                     blend_case("C", 0, "even")};
    const auto rows = backtest_errors(predictions, {}, {"odd", "even"}, 3, true);
    const auto& blend = row(rows, "pooled", "blend-procedural");
    CHECK(blend.cases == 3);
    CHECK(*blend.mae == Approx(100));             // in-sample (w = 1 on every case) it is 100 / 3
    CHECK(*row(rows, "all", "blend-procedural").mae == Approx(100.0 / 3));
    CHECK(*row(rows, "pooled", "weighted-mean").mae == Approx(200.0 / 3));
    // Per case d = |blend| - |compromise|: A 0, B 0, C +100; mean 100 / 3.
    CHECK(*blend.diff_vs_compromise == Approx(100.0 / 3));
    CHECK(*blend.diff_low == Approx(0));   // AAA, ABB, ... : a draw without C has 0
    CHECK(*blend.diff_high == Approx(100));  // CCC: 1 / 27 of the draws
}

TEST_CASE("stated_position: an actor's position on a DEU issue by its id", "[backtest]") {
    // The one lookup the models of the field and the choice model share (it was written twice).
    const std::vector<std::string> id = {"com", "ep", "de"};
    const std::vector<double> position = {30, 60, 10};
    CHECK(stated_position(id, position, "ep") == std::optional<double>(60));
    CHECK(stated_position(id, position, "de") == std::optional<double>(10));
    CHECK_FALSE(stated_position(id, position, "fr"));  // no position stated
    CHECK_FALSE(stated_position({}, {}, "com"));
}
