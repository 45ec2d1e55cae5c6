#include "accord/backtest_choice.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "accord/backtest_folds.hpp"
#include "accord/choice_model.hpp"

namespace accord {

const std::vector<double>& choice_lambdas() {
    static const std::vector<double> lambdas = {1, 3, 10, 30, 100, 1000};
    return lambdas;
}

const std::vector<double>& choice_caps() {
    static const std::vector<double> caps = {0, 2, 5, 10, 15, 20, 30, 50, 100};
    return caps;
}

const std::vector<ChoiceCapModel>& choice_cap_models() {
    static const std::vector<ChoiceCapModel> models = {
        {backtest_choice_model, choice_caps(), ChoiceStepRule::t_ratio},
        {backtest_choice10_model, {0, 2, 5, 10}, ChoiceStepRule::mae}};
    return models;
}

double choose_choice_cap(const ChoiceCapModel& model, const std::vector<double>& comp, const std::vector<double>& m,
                         const std::vector<double>& y, const std::vector<std::size_t>& cluster) {
    double best = model.caps.front(), best_score = 0;
    for (std::size_t k = 0; k < model.caps.size(); ++k) {
        std::vector<double> d;  // the t-ratio's gain over the compromise model, or the absolute error
        for (std::size_t i = 0; i < comp.size(); ++i) {
            const double error = std::abs(capped_move(comp[i], m[i], model.caps[k]) - y[i]);
            d.push_back(model.rule == ChoiceStepRule::t_ratio ? error - std::abs(comp[i] - y[i]) : error);
        }
        double score = 0;  // lower is better
        if (model.rule == ChoiceStepRule::t_ratio) {
            score = -clustered_t_ratio(d, cluster);
        } else {
            for (double e : d) score += e;
            score /= static_cast<double>(d.size());
        }
        if (k == 0 || score < best_score) best = model.caps[k], best_score = score;
    }
    return best;
}

namespace {

// A case the model can fit or predict, in points of its issue's scale.
struct Row {
    CasePrediction* p = nullptr;
    double comp = 0, unw = 0, y = 0;
    std::size_t cluster = 0;
};

// The choice model fitted on rows[train] with each lambda: its prediction for rows[predict]. A fit that
// does not converge adds a line to `failures` (`stage` says which fit it was).
std::vector<std::vector<double>> choice_predictions(const std::vector<Row>& rows, const std::vector<std::size_t>& train,
                                                    const std::vector<std::size_t>& predict,
                                                    const std::vector<double>& lambdas, const std::string& stage,
                                                    std::vector<std::string>& failures) {
    std::vector<double> base, target, observed;
    for (std::size_t i : train) {
        base.push_back(rows[i].comp);
        target.push_back(rows[i].unw);
        observed.push_back(rows[i].y);
    }
    const double w = fit_blend_weight(base, target, observed);
    auto blend = [&](std::size_t i) { return rows[i].comp + w * (rows[i].unw - rows[i].comp); };
    std::vector<const ChoiceIssue*> issues;
    std::vector<std::vector<std::array<double, choice_features>>> features;
    std::vector<double> residuals;
    for (std::size_t i : train) {
        const ChoiceIssue& issue = *rows[i].p->choice;
        issues.push_back(&issue);
        features.push_back(choice_option_features(issue, blend(i)));
        if (issue.label < 0) residuals.push_back(rows[i].y - blend(i));
    }
    const auto quantiles = residual_quantiles(residuals, choice_residual_quantiles);
    std::vector<std::vector<double>> out;
    for (double lambda : lambdas) {
        const ChoiceFit fit = fit_choice_logit(issues, features, lambda);
        if (!fit.converged)
            failures.push_back(fmt::format("{}, lambda {}: {} Newton steps, largest gradient component {:g}, "
                                           "Newton decrement {:g}",
                                           stage, lambda, fit.steps, fit.gradient, fit.decrement));
        const ChoiceCoefficients& theta = fit.theta;
        std::vector<double> m;
        for (std::size_t i : predict) {
            const ChoiceIssue& issue = *rows[i].p->choice;
            const double b = blend(i);
            const auto p = choice_probabilities(issue, choice_option_features(issue, b), theta);
            m.push_back(choice_mixture_median(issue, p, b, quantiles));
        }
        out.push_back(std::move(m));
    }
    return out;
}

// lambda and each model's D (0 each by default).
struct Choice {
    double lambda = 1;
    std::vector<double> caps;
};

// lambda and each model's D by inner CV inside rows[train], from the same inner predictions (docs in
// backtest_choice.hpp).
Choice choose_by_inner_cv(const std::vector<Row>& rows, const std::vector<std::size_t>& train,
                          const std::vector<ChoiceCapModel>& models, std::vector<std::string>& failures) {
    const auto& lambdas = choice_lambdas();
    std::vector<FoldProposal> proposals;
    for (std::size_t i : train) proposals.push_back({rows[i].p->proposal, 0});
    std::map<std::string, bool> distinct;
    for (const auto& p : proposals) distinct[p.id] = true;
    if (static_cast<long>(distinct.size()) < choice_inner_folds)
        return Choice{lambdas.front(), std::vector<double>(models.size(), 0.0)};
    const auto inner = assign_folds(proposals, FoldSpec{FoldSpec::Kind::k_fold, choice_inner_folds, 1});
    std::vector<std::vector<double>> m(lambdas.size(), std::vector<double>(rows.size(), 0.0));
    for (const auto& label : fold_labels(FoldSpec{FoldSpec::Kind::k_fold, choice_inner_folds, 1})) {
        std::vector<std::size_t> fit, hold;
        for (std::size_t i : train) (inner.at(rows[i].p->proposal) == label ? hold : fit).push_back(i);
        const auto predicted = choice_predictions(rows, fit, hold, lambdas, "inner fold " + label, failures);
        for (std::size_t l = 0; l < lambdas.size(); ++l)
            for (std::size_t h = 0; h < hold.size(); ++h) m[l][hold[h]] = predicted[l][h];
    }
    std::size_t best = 0;
    double best_mae = 0;
    for (std::size_t l = 0; l < lambdas.size(); ++l) {
        double mae = 0;
        for (std::size_t i : train) mae += std::abs(m[l][i] - rows[i].y);
        if (l == 0 || mae < best_mae) best = l, best_mae = mae;
    }
    std::vector<double> comp, inner_m, y;
    std::vector<std::size_t> cluster;
    for (std::size_t i : train) {
        comp.push_back(rows[i].comp);
        inner_m.push_back(m[best][i]);
        y.push_back(rows[i].y);
        cluster.push_back(rows[i].cluster);
    }
    Choice out{lambdas[best], {}};
    for (const auto& model : models) out.caps.push_back(choose_choice_cap(model, comp, inner_m, y, cluster));
    return out;
}

}  // namespace

std::vector<FittedBlend> apply_choice_caps(std::vector<CasePrediction>& predictions, const std::string& fold,
                                           std::vector<std::string>* notes, const std::vector<ChoiceCapModel>& models) {
    const std::size_t c = backtest_compromise_model, u = backtest_model_index("unweighted-mean");
    std::vector<std::size_t> cols;
    for (const auto& model : models) cols.push_back(backtest_model_index(model.name));
    std::vector<Row> rows;
    std::map<std::string, std::size_t> cluster_of;
    std::vector<std::size_t> train, test;
    for (auto& p : predictions) {
        if (fold == "all" || p.fold == fold)
            for (std::size_t col : cols) p.predicted[col] = std::nullopt;
        if (!p.choice || !p.predicted[c] || !p.predicted[u]) continue;
        const auto cluster = cluster_of.emplace(p.proposal, cluster_of.size()).first->second;
        rows.push_back({&p, 100 * *p.predicted[c] / p.scale, 100 * *p.predicted[u] / p.scale, 100 * p.observed / p.scale,
                        cluster});
        if (fold == "all" || p.fold != fold) train.push_back(rows.size() - 1);
        if (fold == "all" || p.fold == fold) test.push_back(rows.size() - 1);
    }
    Choice choice{choice_lambdas().front(), std::vector<double>(models.size(), 0.0)};
    long cases = static_cast<long>(train.size());
    if (!train.empty() && !test.empty()) {
        std::vector<std::string> failures;
        choice = choose_by_inner_cv(rows, train, models, failures);
        const auto m = choice_predictions(rows, train, test, {choice.lambda}, "the final fit", failures).front();
        if (!failures.empty()) {
            // A fit that did not converge: its coefficients are no estimate, so the part gets no prediction.
            for (const auto& model : models)
                if (notes)
                    notes->push_back(fmt::format(
                        "{}, part {}: the choice model's Newton fit did not converge ({}{}); {} makes no prediction "
                        "on this part",
                        model.name, fold, failures.front(),
                        failures.size() > 1 ? fmt::format("; {} more fits likewise", failures.size() - 1) : "",
                        model.name));
            choice = Choice{choice_lambdas().front(), std::vector<double>(models.size(), 0.0)};
            cases = 0;
        } else {
            for (std::size_t k = 0; k < models.size(); ++k)
                for (std::size_t t = 0; t < test.size(); ++t) {
                    CasePrediction& p = *rows[test[t]].p;
                    const double moved = capped_move(rows[test[t]].comp, m[t], choice.caps[k]) - rows[test[t]].comp;
                    p.predicted[cols[k]] = *p.predicted[c] + moved * p.scale / 100;
                }
        }
    }
    std::vector<FittedBlend> out;
    for (std::size_t k = 0; k < models.size(); ++k) {
        out.push_back({models[k].name, fold, cases, choice.caps[k], "cap"});
        out.push_back({models[k].name, fold, cases, choice.lambda, "lambda"});
    }
    return out;
}

std::vector<FittedBlend> apply_choice_cap(std::vector<CasePrediction>& predictions, const std::string& fold,
                                          std::vector<std::string>* notes, const ChoiceCapModel& model) {
    return apply_choice_caps(predictions, fold, notes, {model});
}

}  // namespace accord
