// errors.csv of `accord backtest`: per part of the cases (all, then each held-out part), each
// model's errors, its paired difference with the compromise model, and the agreement scores.
#include <cmath>
#include <map>

#include "accord/backtest.hpp"
#include "accord/backtest_fitted.hpp"
#include "accord/backtest_scores.hpp"
#include "accord/csv.hpp"

namespace accord {

namespace {

double point_error(const CasePrediction& p, std::size_t model) {
    return 100 * (*p.predicted[model] - p.observed) / p.scale;
}

// MAE and RMSE of one model; the cases it predicts.
ModelError term_errors(const std::vector<const CasePrediction*>& part, std::size_t m) {
    ModelError e;
    e.model = backtest_models()[m];
    double abs_sum = 0, sq_sum = 0;
    for (const auto* p : part) {
        if (!p->predicted[m]) continue;
        const double error = point_error(*p, m);
        ++e.cases;
        abs_sum += std::abs(error);
        sq_sum += error * error;
    }
    if (e.cases > 0) {
        e.mae = abs_sum / static_cast<double>(e.cases);
        e.rmse = std::sqrt(sq_sum / static_cast<double>(e.cases));
    }
    return e;
}

// |error of m| - |error of the compromise model| over the issues both predict, and its interval
// from resampling whole proposals (the same draws for every model of the part: same seed).
void add_difference(ModelError& e, const std::vector<const CasePrediction*>& part, std::size_t m, std::uint64_t seed) {
    const std::size_t c = backtest_compromise_model;
    std::map<std::string, std::size_t> cluster_of;
    for (const auto* p : part) cluster_of.emplace(p->proposal, cluster_of.size());
    std::vector<double> diffs;
    std::vector<std::size_t> clusters;
    for (const auto* p : part) {
        if (!p->predicted[m] || !p->predicted[c]) continue;
        diffs.push_back(std::abs(point_error(*p, m)) - std::abs(point_error(*p, c)));
        clusters.push_back(cluster_of.at(p->proposal));
    }
    if (diffs.empty()) return;
    const auto d = cluster_bootstrap_mean(diffs, clusters, cluster_of.size(), backtest_bootstrap_replicates, seed);
    e.diff_vs_compromise = d.estimate;
    e.diff_low = d.low;
    e.diff_high = d.high;
}

// The rows of one part: every model on the terms, the scenario's agreement forecast, and the base
// rate as the reference forecast of agreement (`reference[i]` for agreements[i]: one rate for a
// part, each case's own held-out rate for the pooled part).
std::vector<ModelError> score_part(const std::string& fold, const std::vector<const CasePrediction*>& part,
                                   const std::vector<const AgreementPrediction*>& agreements,
                                   const std::vector<double>& reference, std::uint64_t seed) {
    std::vector<ModelError> rows;
    std::vector<double> forecast;
    std::vector<bool> outcome;
    for (const auto* a : agreements) {
        forecast.push_back(a->probability);
        outcome.push_back(a->agreed);
    }
    for (std::size_t m = 0; m < backtest_models().size(); ++m) {
        ModelError e = term_errors(part, m);
        e.fold = fold;
        if (m != backtest_compromise_model) add_difference(e, part, m, seed);
        if (m == 0 && !outcome.empty()) {  // the scenario's own setting forecasts agreement
            e.brier = brier_score(forecast, outcome);
            e.log_score = log_score(forecast, outcome);
        }
        rows.push_back(e);
    }
    if (!outcome.empty()) {
        ModelError e;
        e.model = "base-rate";
        e.cases = static_cast<long>(outcome.size());
        e.fold = fold;
        e.brier = brier_score(reference, outcome);
        e.log_score = log_score(reference, outcome);
        rows.push_back(e);
    }
    return rows;
}

}  // namespace

std::vector<ModelError> backtest_errors(const std::vector<CasePrediction>& predictions,
                                        const std::vector<AgreementPrediction>& agreements,
                                        const std::vector<std::string>& held_out, std::uint64_t seed,
                                        bool pooled) {
    return backtest_errors(fit_parts(predictions, held_out), agreements, held_out, seed, pooled);
}

std::vector<ModelError> backtest_errors(const FittedParts& parts, const std::vector<AgreementPrediction>& agreements,
                                        const std::vector<std::string>& held_out, std::uint64_t seed,
                                        bool pooled) {
    // The fitted models (blends, stacks, choice-cap): on every case for the part `all`, on the other parts for a
    // held-out part.
    const std::vector<CasePrediction>& fitted_all = parts.all;
    std::vector<const CasePrediction*> all;
    for (const auto& p : fitted_all) all.push_back(&p);
    std::vector<const AgreementPrediction*> all_agreements;
    long agreed = 0;
    for (const auto& a : agreements) {
        all_agreements.push_back(&a);
        agreed += a.agreed ? 1 : 0;
    }
    auto rows = score_part("all", all, all_agreements,
                           std::vector<double>(agreements.size(),
                                               frequency_forecast(agreed, static_cast<long>(agreements.size()))),
                           seed);
    // The pooled part's base rates: each case's rate fitted without its part.
    std::vector<double> out_of_part_rate(agreements.size(), 0.5);
    for (std::size_t f = 0; f < held_out.size(); ++f) {
        const std::string& fold = held_out[f];
        const std::vector<CasePrediction>& fitted = parts.held_out[f];
        std::vector<const CasePrediction*> part;
        for (std::size_t i = 0; i < fitted.size(); ++i) {
            if (fitted[i].fold != fold) continue;
            part.push_back(&fitted[i]);
        }
        std::vector<const AgreementPrediction*> test;
        long train_agreed = 0, train_n = 0;
        for (const auto& a : agreements) {
            if (a.fold == fold) {
                test.push_back(&a);
            } else {
                ++train_n;
                train_agreed += a.agreed ? 1 : 0;
            }
        }
        const double rate = frequency_forecast(train_agreed, train_n);
        for (std::size_t i = 0; i < agreements.size(); ++i)
            if (agreements[i].fold == fold) out_of_part_rate[i] = rate;
        auto part_rows = score_part(fold, part, test, std::vector<double>(test.size(), rate), seed + f + 1);
        rows.insert(rows.end(), part_rows.begin(), part_rows.end());
    }
    if (pooled && !held_out.empty()) {
        // Every case with its held-out predictions, in the order of the input.
        const std::vector<CasePrediction> out_of_part = parts.out_of_part(held_out);
        std::vector<const CasePrediction*> part;
        for (const auto& p : out_of_part) part.push_back(&p);
        std::vector<const AgreementPrediction*> test;
        for (const auto& a : agreements) test.push_back(&a);
        auto part_rows = score_part("pooled", part, test, out_of_part_rate, seed + held_out.size() + 1);
        rows.insert(rows.end(), part_rows.begin(), part_rows.end());
    }
    return rows;
}

std::string errors_csv(const std::vector<ModelError>& errors) {
    std::string out = "model,cases,mae,rmse,fold,diff_vs_compromise,diff_low,diff_high,brier,log_score\n";
    for (const auto& e : errors) {
        CsvRow row;
        row.add(e.model).add_int(e.cases).add_optional(e.mae).add_optional(e.rmse).add(e.fold);
        row.add_optional(e.diff_vs_compromise).add_optional(e.diff_low).add_optional(e.diff_high);
        row.add_optional(e.brier).add_optional(e.log_score);
        out += row.line();
    }
    return out;
}

}  // namespace accord
