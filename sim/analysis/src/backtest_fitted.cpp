#include "accord/backtest_fitted.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "accord/backtest_choice.hpp"
#include "accord/backtest_stack.hpp"
#include "accord/csv.hpp"

namespace accord {

const std::vector<BlendModel>& backtest_blends() {
    static const std::vector<BlendModel> blends = {{"blend-procedural", "procedural"},
                                                   {"shrink-commission", "commission"},
                                                   {"shrink-reference", "reference-point"},
                                                   {"blend-voting-power", "voting-power"},
                                                   {"blend-exchange", "exchange"},
                                                   {"blend-unweighted", "unweighted-mean"}};
    return blends;
}

double fit_blend_weight(const std::vector<double>& base, const std::vector<double>& target,
                        const std::vector<double>& observed) {
    if (base.size() != target.size() || base.size() != observed.size())
        throw std::invalid_argument("fit_blend_weight: vectors of different sizes");
    std::vector<std::pair<double, double>> kinks;  // (kink, weight)
    double total = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
        const double d = target[i] - base[i];
        if (d == 0) continue;  // the case's error does not depend on w
        kinks.emplace_back((observed[i] - base[i]) / d, std::abs(d));
        total += std::abs(d);
    }
    if (kinks.empty()) return 0;
    std::sort(kinks.begin(), kinks.end());
    double cumulative = 0;
    for (const auto& [kink, weight] : kinks) {
        cumulative += weight;
        if (cumulative >= total / 2) return std::clamp(kink, 0.0, 1.0);
    }
    return std::clamp(kinks.back().first, 0.0, 1.0);
}

namespace {

std::size_t column(const std::string& model) {
    const auto& models = backtest_models();
    return static_cast<std::size_t>(std::find(models.begin(), models.end(), model) - models.begin());
}

}  // namespace

std::vector<FittedBlend> apply_blends(std::vector<CasePrediction>& predictions, const std::string& fold) {
    const std::size_t c = backtest_compromise_model;
    std::vector<FittedBlend> fitted;
    for (const auto& blend : backtest_blends()) {
        const std::size_t t = column(blend.target), b = column(blend.name);
        std::vector<double> base, target, observed;  // in points of each issue's scale
        for (const auto& p : predictions) {
            if (fold != "all" && p.fold == fold) continue;  // held out
            if (!p.predicted[c] || !p.predicted[t]) continue;
            base.push_back(100 * *p.predicted[c] / p.scale);
            target.push_back(100 * *p.predicted[t] / p.scale);
            observed.push_back(100 * p.observed / p.scale);
        }
        const double w = fit_blend_weight(base, target, observed);
        fitted.push_back({blend.name, fold, static_cast<long>(base.size()), w, blend.target});
        for (auto& p : predictions) {
            if (fold != "all" && p.fold != fold) continue;
            p.predicted[b] = std::nullopt;
            if (p.predicted[c] && p.predicted[t]) p.predicted[b] = *p.predicted[c] + w * (*p.predicted[t] - *p.predicted[c]);
        }
    }
    return fitted;
}

std::vector<FittedBlend> apply_fitted_models(std::vector<CasePrediction>& predictions, const std::string& fold,
                                             std::vector<std::string>* notes) {
    auto fitted = apply_blends(predictions, fold);
    const auto stacks = apply_stacks(predictions, fold);
    fitted.insert(fitted.end(), stacks.begin(), stacks.end());
    const auto choice = apply_choice_caps(predictions, fold, notes);
    fitted.insert(fitted.end(), choice.begin(), choice.end());
    return fitted;
}

FittedParts fit_parts(const std::vector<CasePrediction>& predictions, const std::vector<std::string>& held_out) {
    FittedParts parts;
    parts.all = predictions;
    parts.all_weights = apply_fitted_models(parts.all, "all", &parts.notes);
    for (const auto& fold : held_out) {
        parts.held_out.push_back(predictions);
        parts.held_out_weights.push_back(apply_fitted_models(parts.held_out.back(), fold, &parts.notes));
    }
    return parts;
}

std::vector<CasePrediction> FittedParts::out_of_part(const std::vector<std::string>& labels) const {
    if (labels.empty()) return all;
    std::vector<CasePrediction> out = held_out.front();
    for (std::size_t f = 0; f < labels.size(); ++f)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (held_out[f][i].fold == labels[f]) out[i] = held_out[f][i];
    return out;
}

std::string fitted_csv(const std::vector<FittedBlend>& weights) {
    std::string out = "model,fold,cases,weight,target\n";
    for (const auto& w : weights) {
        CsvRow row;
        row.add(w.model).add(w.fold).add_int(w.cases).add(w.weight).add(w.target);
        out += row.line();
    }
    return out;
}

}  // namespace accord
