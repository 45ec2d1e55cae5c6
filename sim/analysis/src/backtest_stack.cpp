#include "accord/backtest_stack.hpp"

#include <ClpSimplex.hpp>
#include <CoinFinite.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <stdexcept>

namespace accord {

const std::vector<StackModel>& backtest_stacks() {
    // `stack`: the members chosen by inner cross-validation on the training parts of DEU III
    // (docs/validation.md); `stack-all`: the nine models that predicted every DEU issue when it was built (nash-reference and
    // council-core, added beside it, also do; the list stays fixed so its figures keep their meaning).
    static const std::vector<StackModel> stacks = {
        {"stack", {"weighted-mean", "unweighted-mean", "voting-power"}},
        {"stack-all",
         {"weighted-mean", "weighted-median", "nash", "expected-utility", "procedural", "exchange", "option-wins",
          "voting-power", "unweighted-mean"}}};
    return stacks;
}

std::vector<double> fit_stack_weights(const std::vector<std::vector<double>>& members,
                                      const std::vector<double>& observed) {
    if (members.size() != observed.size()) throw std::invalid_argument("fit_stack_weights: sizes differ");
    if (members.empty()) throw std::invalid_argument("fit_stack_weights: no case");
    const std::size_t k = members.front().size(), n = members.size();
    if (k == 0) throw std::invalid_argument("fit_stack_weights: no member");
    // Columns: w_0..w_{k-1}, then e+_i and e-_i of each case. Rows: one per case, then sum w = 1.
    std::vector<double> col_low(k + 2 * n, 0.0), col_up(k + 2 * n, COIN_DBL_MAX), objective(k + 2 * n, 1.0);
    std::fill(objective.begin(), objective.begin() + static_cast<long>(k), 0.0);
    std::fill(col_up.begin(), col_up.begin() + static_cast<long>(k), 1.0);
    std::vector<double> row_bound(observed);
    row_bound.push_back(1.0);
    std::vector<int> rows, cols;
    std::vector<double> values;
    auto add = [&](std::size_t row, std::size_t col, double value) {
        rows.push_back(static_cast<int>(row));
        cols.push_back(static_cast<int>(col));
        values.push_back(value);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (members[i].size() != k) throw std::invalid_argument("fit_stack_weights: rows of different lengths");
        for (std::size_t j = 0; j < k; ++j)
            if (members[i][j] != 0) add(i, j, members[i][j]);
        add(i, k + 2 * i, 1.0);
        add(i, k + 2 * i + 1, -1.0);
    }
    for (std::size_t j = 0; j < k; ++j) add(n, j, 1.0);
    CoinPackedMatrix matrix(true, rows.data(), cols.data(), values.data(), static_cast<CoinBigIndex>(values.size()));
    matrix.setDimensions(static_cast<int>(n + 1), static_cast<int>(k + 2 * n));
    ClpSimplex model;
    model.setLogLevel(0);
    model.loadProblem(matrix, col_low.data(), col_up.data(), objective.data(), row_bound.data(), row_bound.data());
    model.primal();
    if (!model.isProvenOptimal())
        throw std::runtime_error("internal error: Clp returned status " + std::to_string(model.status()) +
                                 " on the stack's LP");
    const double* solution = model.getColSolution();
    std::vector<double> w(k);
    double total = 0;
    for (std::size_t j = 0; j < k; ++j) total += w[j] = std::clamp(solution[j], 0.0, 1.0);
    for (double& v : w) v /= total;  // sum exactly 1 despite Clp's tolerance
    return w;
}

std::vector<FittedBlend> apply_stacks(std::vector<CasePrediction>& predictions, const std::string& fold) {
    std::vector<FittedBlend> fitted;
    for (const auto& stack : backtest_stacks()) {
        std::vector<std::size_t> member;
        for (const auto& m : stack.members) member.push_back(backtest_model_index(m));
        const std::size_t s = backtest_model_index(stack.name);
        auto all_predict = [&](const CasePrediction& p) {
            return std::all_of(member.begin(), member.end(), [&](std::size_t m) { return p.predicted[m].has_value(); });
        };
        std::vector<std::vector<double>> rows;  // in points of each issue's scale
        std::vector<double> observed;
        for (const auto& p : predictions) {
            if ((fold != "all" && p.fold == fold) || !all_predict(p)) continue;  // held out, or not predicted
            std::vector<double> row;
            for (std::size_t m : member) row.push_back(100 * *p.predicted[m] / p.scale);
            rows.push_back(std::move(row));
            observed.push_back(100 * p.observed / p.scale);
        }
        std::vector<double> w(member.size(), 0.0);
        if (rows.empty())
            w.front() = 1;
        else
            w = fit_stack_weights(rows, observed);
        for (std::size_t j = 0; j < member.size(); ++j)
            fitted.push_back({stack.name, fold, static_cast<long>(rows.size()), w[j], stack.members[j]});
        for (auto& p : predictions) {
            if (fold != "all" && p.fold != fold) continue;
            p.predicted[s] = std::nullopt;
            if (!all_predict(p)) continue;
            double sum = 0;
            for (std::size_t j = 0; j < member.size(); ++j) sum += w[j] * *p.predicted[member[j]];
            p.predicted[s] = sum;
        }
    }
    return fitted;
}

}  // namespace accord
