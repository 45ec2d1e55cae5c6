// The choice model of `accord backtest`'s choice-cap and choice-cap10 (docs/backtest.md): an issue's
// options and features, the logit's closed form, the residual quantiles, the mixture median, the capped
// move, the clustered t-ratio and the step rules, each on a case computed by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "accord/backtest.hpp"
#include "accord/backtest_choice.hpp"
#include "accord/choice_model.hpp"

using namespace accord;

TEST_CASE("Choice model: an issue's options and their features", "[choice]") {
    // Commission 30, Parliament 60, de 30, fr 100 (capability x salience 1, 1, 2, 4); reference point
    // 0; QMV and codecision; the outcome 30. Options 0 (the reference point and an end), 30, 60, 100.
    ChoiceInputs in{{"com", "ep", "de", "fr"}, {30, 60, 30, 100}, {1, 1, 2, 4}, 0.0, true, true};
    const ChoiceIssue issue = choice_issue(in, 30);
    REQUIRE(issue.value == std::vector<double>{0, 30, 60, 100});
    CHECK(issue.label == 1);
    using F = std::array<double, choice_static_features>;
    // weight share, actor share, stated, rp, com, ep, end, rp under unanimity, com under QMV, ep under COD
    CHECK(issue.fixed[0] == F{0, 0, 0, 1, 0, 0, 1, 0, 0, 0});
    CHECK(issue.fixed[1] == F{3.0 / 8, 0.5, 1, 0, 1, 0, 0, 0, 1, 0});
    CHECK(issue.fixed[2] == F{1.0 / 8, 0.25, 1, 0, 0, 1, 0, 0, 0, 1});
    CHECK(issue.fixed[3] == F{0.5, 0.25, 1, 0, 0, 0, 1, 0, 0, 0});
    // "no option": 1, QMV, COD, 3 distinct positions / 10, population sd of 30, 60, 30, 100 (mean 55,
    // squares 625 + 25 + 625 + 2025 = 3300, sd sqrt(825) = 28.7228) / 100
    CHECK(issue.outside[0] == 1);
    CHECK(issue.outside[3] == Approx(0.3));
    CHECK(issue.outside[4] == Approx(std::sqrt(825.0) / 100).epsilon(1e-12));
    // Under unanimity the reference point's own feature is on; an outcome at no option has no label.
    in.qmv = false;
    const ChoiceIssue unan = choice_issue(in, 45);
    CHECK(unan.fixed[0][7] == 1);
    CHECK(unan.fixed[1][8] == 0);
    CHECK(unan.label == -1);
    // Given the blend 50: distances / 20 are 2.5, 1, 0.5, 2.5; the nearest option is 60.
    const auto f = choice_option_features(issue, 50);
    CHECK(f[0][0] == 2.5);
    CHECK(f[0][1] == 6.25);
    CHECK(f[2][0] == 0.5);
    CHECK(f[2][2] == 1);
    CHECK(f[1][2] + f[0][2] + f[3][2] == 0);
    CHECK(f[1][3] == 3.0 / 8);  // the fixed features follow
}

namespace {

// Four issues of three options, two outcomes at an option (50, 100) and two at none; option 50 has
// feature 0 set (the closed-form case below and the fits that cannot converge).
std::vector<ChoiceIssue> four_issues() {
    std::vector<ChoiceIssue> issues(4);
    const int labels[] = {-1, 1, -1, 2};
    for (std::size_t i = 0; i < 4; ++i) {
        issues[i].value = {0, 50, 100};
        issues[i].fixed.assign(3, {});
        issues[i].fixed[1][0] = 1;
        issues[i].outside = {1, 0, 0, 0, 0};
        issues[i].label = labels[i];
    }
    return issues;
}

// The fit's inputs: a pointer to each issue and its option features at one blend.
std::pair<std::vector<const ChoiceIssue*>, std::vector<std::vector<std::array<double, choice_features>>>> logit_inputs(
    const std::vector<ChoiceIssue>& issues, double blend) {
    std::vector<const ChoiceIssue*> pointers;
    std::vector<std::vector<std::array<double, choice_features>>> features;
    for (const auto& issue : issues) {
        pointers.push_back(&issue);
        features.push_back(choice_option_features(issue, blend));
    }
    return {pointers, features};
}

}  // namespace

TEST_CASE("Choice model: the logit's closed form when every option's coefficient is penalised to 0", "[choice]") {
    // Four issues of three options, two outcomes at an option and two at none. With the option
    // coefficients at 0 the utilities are 0 for the options and c for "no option", whose likelihood
    // is greatest at e^c / (e^c + 3) = 1/2: c = ln 3, and each option gets 1/6.
    auto issues = four_issues();
    auto [pointers, features] = logit_inputs(issues, 40);
    const ChoiceFit fit = fit_choice_logit(pointers, features, 1e7);
    CHECK(fit.converged);
    CHECK(fit.steps > 0);
    CHECK(fit.gradient < 1e-9 * 5);  // the tolerance: 1e-9 (issues + 1)
    const auto& theta = fit.theta;
    CHECK(theta[choice_features] == Approx(std::log(3.0)).margin(1e-4));
    const auto p = choice_probabilities(issues[0], features[0], theta);
    CHECK(p[0] == Approx(1.0 / 6).margin(1e-5));
    CHECK(p[3] == Approx(0.5).margin(1e-5));
    // With a light ridge an option feature that marks the outcome is learned: option 50 (feature 1)
    // is the outcome on every issue, so its probability is high.
    for (auto& issue : issues) issue.label = 1;
    const auto learned = fit_choice_logit(pointers, features, 0.01);
    CHECK(learned.converged);
    CHECK(choice_probabilities(issues[0], features[0], learned.theta)[1] > 0.8);
}

TEST_CASE("Choice model: residual quantiles and the mixture median", "[choice]") {
    // numpy's quantile of 1, 2, 3, 4 at 0.25 and 0.75: positions 0.75 and 2.25, so 1.75 and 3.25.
    CHECK(residual_quantiles({4, 1, 3, 2}, 2) == std::vector<double>{1.75, 3.25});
    // Residuals -30 and 30, 20 quantiles: -30 + 60 (k + 0.5) / 20 = -28.5, -25.5, ..., 28.5.
    const auto q = residual_quantiles({-30, 30}, 20);
    CHECK(q.front() == Approx(-28.5));
    CHECK(q[12] == Approx(7.5));
    CHECK(residual_quantiles({}, 3) == std::vector<double>{0, 0, 0});
    // The option 100 holds 0.2, "no option" 0.8 spread as 0.04 at 50 + q: cumulative 0.04 k reaches
    // 0.5 at k = 13, the 13th point 50 + 7.5 = 57.5 (tests/python/test_deu_round4.py, the same case).
    ChoiceIssue one;
    one.value = {100};
    CHECK(choice_mixture_median(one, {0.2, 0.8}, 50, q) == Approx(57.5));
    // Options 0 (0.35) and 100 (0.25), "no option" 0.4 at blend 40 + 10: cumulative 0.35, 0.75 at 50.
    ChoiceIssue two;
    two.value = {0, 100};
    CHECK(choice_mixture_median(two, {0.35, 0.25, 0.4}, 40, std::vector<double>(20, 10.0)) == Approx(50));
    // The spread is clipped to the scale: blend 95 + 10 is 100, which then holds 0.4 + 0.25.
    CHECK(choice_mixture_median(two, {0.35, 0.25, 0.4}, 95, std::vector<double>(20, 10.0)) == 100);
}

TEST_CASE("Choice model: the capped move and the clustered t-ratio", "[choice]") {
    CHECK(capped_move(40, 60, 5) == 45);
    CHECK(capped_move(40, 20, 5) == 35);
    CHECK(capped_move(40, 43, 5) == 43);
    CHECK(capped_move(40, 60, 0) == 40);
    // d = 1, 3, -2, 0 in clusters 0, 0, 1, 2: mean 0.5, cluster sums of deviations 3, -2.5, -0.5,
    // squares 15.5; G = 3: se = sqrt(3/2 x 15.5) / 4 = sqrt(23.25) / 4, t = -0.5 / se = -0.41478.
    CHECK(clustered_t_ratio({1, 3, -2, 0}, {0, 0, 1, 2}) == Approx(-0.5 / (std::sqrt(23.25) / 4)).epsilon(1e-12));
    CHECK(clustered_t_ratio({1, 3, -2, 0}, {0, 0, 1, 2}) == Approx(-0.41478).margin(1e-5));
    CHECK(clustered_t_ratio({0, 0, 0}, {0, 1, 2}) == 0);
    CHECK(clustered_t_ratio({-1, 1}, {0, 0}) == 0);  // one cluster: no standard error
    // Mean 0 and se 0 (each cluster's deviations sum to 0): no gain either way, 0, not -infinity.
    CHECK(clustered_t_ratio({1, -1, 1, -1}, {0, 0, 1, 1}) == 0);
    // se 0 with a gain: +infinity (every cluster's deviations sum to 0, mean -1).
    CHECK(clustered_t_ratio({-2, 0, -2, 0}, {0, 0, 1, 1}) == std::numeric_limits<double>::infinity());
    // Nine issues, one per proposal: a step of 1 gains 1 on eight and loses 1 on one (the fifth
    // round's test, tests/python/test_deu_round5.py): mean -7/9, se 2/9, t = 3.5.
    CHECK(clustered_t_ratio({-1, -1, -1, -1, -1, -1, -1, 1, -1}, {0, 1, 2, 3, 4, 5, 6, 7, 8}) == Approx(3.5));
}

TEST_CASE("choice-cap: no prediction for cases without a DEU issue's inputs", "[choice]") {
    // Scenario files carry no choice inputs: the column stays empty, D = 0 and lambda the grid's first.
    std::vector<CasePrediction> predictions;
    for (const char* proposal : {"a", "b"}) {
        CasePrediction p{proposal, "x", 50, 100, std::vector<std::optional<double>>(backtest_models().size(), 40.0),
                         proposal, "1"};
        predictions.push_back(p);
    }
    const auto rows = apply_choice_cap(predictions, "all");
    const std::size_t col = backtest_model_index(backtest_choice_model);
    // The last two columns, choice-cap then choice-cap10: the other columns keep their places.
    CHECK(col == backtest_models().size() - 2);
    CHECK(backtest_model_index(backtest_choice10_model) == backtest_models().size() - 1);
    CHECK_FALSE(predictions[0].predicted[col]);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].target == "cap");
    CHECK(rows[0].weight == 0);
    CHECK(rows[1].weight == choice_lambdas().front());
    // choice-cap10 likewise, in its own column and rows.
    const auto rows10 = apply_choice_cap(predictions, "all", nullptr, choice_cap_models().back());
    CHECK_FALSE(predictions[0].predicted[backtest_model_index(backtest_choice10_model)]);
    REQUIRE(rows10.size() == 2);
    CHECK(rows10[0].model == "choice-cap10");
    CHECK(rows10[0].weight == 0);
}

TEST_CASE("choice-cap10: D by the lowest inner-CV MAE, ties to the smaller step", "[choice]") {
    const ChoiceCapModel& cap10 = choice_cap_models().back();
    REQUIRE(cap10.name == "choice-cap10");
    REQUIRE(cap10.caps == std::vector<double>{0, 2, 5, 10});  // analysis/deu_round6.py's CAPS10
    // c = 50 on three issues, m = 60, 40, 58, y = 58, 45, 53 (by hand): D = 0 errors 8, 5, 3 (MAE 16/3);
    // D = 2 predicts 52, 48, 52: 6, 3, 1 (10/3); D = 5: 55, 45, 55: 3, 0, 2 (5/3); D = 10 the full
    // move 60, 40, 58: 2, 5, 5 (12/3). The lowest is D = 5.
    const std::vector<double> c{50, 50, 50}, m{60, 40, 58}, y{58, 45, 53};
    const std::vector<std::size_t> cluster{0, 1, 2};
    CHECK(choose_choice_cap(cap10, c, m, y, cluster) == 5);
    // Ties: m 3 points either side of c = 50, y at 60 and 40; D = 5 and D = 10 both move the full 3
    // (errors 7 and 7, MAE 7; D = 0: 10, D = 2: 8): the smaller step, 5.
    CHECK(choose_choice_cap(cap10, {50, 50}, {53, 47}, {60, 40}, {0, 1}) == 5);
    // Every move away from the outcome: D = 0 (MAE 3; D = 2: 5).
    CHECK(choose_choice_cap(cap10, {50, 50}, {40, 60}, {53, 47}, {0, 1}) == 0);
    // The same predictions under choice-cap's t-ratio rule: the gains over c are d = -2, -2, -2 at
    // D = 2 (se 0: t = +infinity, the first D reaching it), so choice-cap picks 2 where choice-cap10 picks 5.
    CHECK(choose_choice_cap(choice_cap_models().front(), c, m, y, cluster) == 2);
}

TEST_CASE("Choice model: a fit that cannot converge says so", "[choice]") {
    // A feature that is not a number makes the objective NaN from the start: no step lowers it, and the
    // fit must not pass its starting point off as an estimate.
    auto issues = four_issues();
    issues[2].fixed[0][1] = std::numeric_limits<double>::quiet_NaN();
    auto [pointers, features] = logit_inputs(issues, 40);
    const ChoiceFit fit = fit_choice_logit(pointers, features, 1);
    CHECK_FALSE(fit.converged);
    CHECK(fit.steps == 0);
    CHECK(std::isnan(fit.gradient));
    CHECK(std::isnan(fit.decrement));
    // An infinite feature likewise (its utility is infinite, its probability NaN).
    issues[2].fixed[0][1] = std::numeric_limits<double>::infinity();
    features[2] = choice_option_features(issues[2], 40);
    CHECK_FALSE(fit_choice_logit(pointers, features, 1).converged);
}

TEST_CASE("choice-cap: a part whose fit does not converge gets no prediction and a note", "[choice]") {
    // Two proposals (fewer than the inner folds: D = 0, lambda 1, one fit on both cases). A NaN feature
    // made the fit fail silently before, and D = 0 then moved the compromise model by NaN.
    auto issues = four_issues();
    issues[0].fixed[0][1] = std::numeric_limits<double>::quiet_NaN();
    std::vector<CasePrediction> predictions;
    for (std::size_t i = 0; i < 2; ++i) {
        CasePrediction p{"case" + std::to_string(i), "x", 50, 100,
                         std::vector<std::optional<double>>(backtest_models().size(), 40.0), i == 0 ? "a" : "b", "1"};
        p.choice = std::make_shared<const ChoiceIssue>(issues[i]);
        predictions.push_back(p);
    }
    std::vector<std::string> notes;
    const auto rows = apply_choice_cap(predictions, "all", &notes);
    const std::size_t col = backtest_model_index(backtest_choice_model);
    CHECK_FALSE(predictions[0].predicted[col]);
    CHECK_FALSE(predictions[1].predicted[col]);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "choice-cap, part all: the choice model's Newton fit did not converge (the final fit, lambda 1: "
                      "0 Newton steps, largest gradient component nan, Newton decrement nan); choice-cap makes no "
                      "prediction on this part");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].cases == 0);
    CHECK(rows[0].weight == 0);
    CHECK(rows[1].weight == choice_lambdas().front());
    // Both models at once (as accord backtest fits them): the shared fit fails for both, a note each.
    notes.clear();
    const auto both = apply_choice_caps(predictions, "all", &notes);
    REQUIRE(both.size() == 4);
    CHECK(both[2].model == "choice-cap10");
    CHECK(both[2].cases == 0);
    REQUIRE(notes.size() == 2);
    CHECK(notes[1].rfind("choice-cap10, part all: the choice model's Newton fit did not converge", 0) == 0);
    CHECK_FALSE(predictions[0].predicted[backtest_model_index(backtest_choice10_model)]);
    // Without the NaN the same cases are predicted (D = 0: the compromise model) and nothing is noted.
    predictions[0].choice = std::make_shared<const ChoiceIssue>(four_issues()[0]);
    notes.clear();
    apply_choice_cap(predictions, "all", &notes);
    CHECK(notes.empty());
    REQUIRE(predictions[0].predicted[col]);
    CHECK(*predictions[0].predicted[col] == 40);
}
