#include "accord/lifted_lp.hpp"

#include <CoinFinite.hpp>
#include <CoinPackedMatrix.hpp>

#include <type_traits>

namespace accord {

static_assert(std::is_same_v<CoinBigIndex, int>, "LiftedLp::starts is handed to Clp as CoinBigIndex");

namespace {

int weighed_issues(const LinearUtility& u) {
    int count = 0;
    for (double w : u.weight) count += w != 0;
    return count;
}

}  // namespace

// The rows of lifted_lp_from_triplets, numbered as it numbers them: each actor in turn (the budgets,
// then the proposer) takes two rows per issue it weighs, then its budget row; the columns are tau,
// then each actor's d in the same order. Each column's entries are written in increasing row order,
// which is the order the triplets sort into (tests/unit/test_setter.cpp compares the arrays).
void build_lifted_lp(std::size_t m, const std::vector<LossBudget>& budgets, const LinearUtility* proposer,
                     LiftedLp& lp) {
    const std::size_t actors = budgets.size() + (proposer != nullptr ? 1 : 0);
    auto actor = [&](std::size_t a) -> const LinearUtility& {
        return a < budgets.size() ? *budgets[a].utility : *proposer;
    };
    lp.starts.clear();
    lp.index.clear();
    lp.value.clear();
    lp.col_low.assign(m, 0.0);
    lp.col_up.assign(m, 1.0);
    lp.objective.assign(m, 0.0);
    lp.row_low.clear();
    lp.row_up.clear();
    // Rows, in the triplets' order.
    lp.rows = 0;
    for (std::size_t a = 0; a < actors; ++a) {
        const LinearUtility& u = actor(a);
        for (std::size_t k = 0; k < m; ++k) {
            if (u.weight[k] == 0) continue;
            lp.row_low.push_back(-u.ideal[k]);
            lp.row_up.push_back(COIN_DBL_MAX);
            lp.row_low.push_back(u.ideal[k]);
            lp.row_up.push_back(COIN_DBL_MAX);
        }
        if (a < budgets.size()) {
            lp.row_low.push_back(-COIN_DBL_MAX);
            lp.row_up.push_back(budgets[a].budget);
        }
    }
    lp.rows = static_cast<int>(lp.row_low.size());
    // The tau columns: -1 and +1 in the two rows of every actor that weighs the issue.
    for (std::size_t k = 0; k < m; ++k) {
        lp.starts.push_back(static_cast<int>(lp.index.size()));
        int row = 0;
        for (std::size_t a = 0; a < actors; ++a) {
            const LinearUtility& u = actor(a);
            for (std::size_t l = 0; l < m; ++l) {
                if (u.weight[l] == 0) continue;
                if (l == k) {
                    lp.index.push_back(row);
                    lp.value.push_back(-1.0);
                    lp.index.push_back(row + 1);
                    lp.value.push_back(1.0);
                }
                row += 2;
            }
            if (a < budgets.size()) ++row;
        }
    }
    // The d columns: 1 in both rows of the pair, and the weight in the actor's budget row.
    int row = 0;
    for (std::size_t a = 0; a < actors; ++a) {
        const LinearUtility& u = actor(a);
        const bool budgeted = a < budgets.size();
        const int budget_row = row + 2 * weighed_issues(u);
        for (std::size_t k = 0; k < m; ++k) {
            if (u.weight[k] == 0) continue;
            lp.starts.push_back(static_cast<int>(lp.index.size()));
            lp.index.push_back(row);
            lp.value.push_back(1.0);
            lp.index.push_back(row + 1);
            lp.value.push_back(1.0);
            if (budgeted) {
                lp.index.push_back(budget_row);
                lp.value.push_back(u.weight[k]);
            }
            lp.col_low.push_back(0.0);
            lp.col_up.push_back(COIN_DBL_MAX);
            lp.objective.push_back(budgeted ? 0.0 : u.weight[k]);
            row += 2;
        }
        if (budgeted) ++row;
    }
    lp.starts.push_back(static_cast<int>(lp.index.size()));
    lp.cols = static_cast<int>(lp.col_low.size());
}

LiftedLp lifted_lp_from_triplets(std::size_t m, const std::vector<LossBudget>& budgets,
                                 const LinearUtility* proposer) {
    LiftedLp lp;
    lp.col_low.assign(m, 0.0);
    lp.col_up.assign(m, 1.0);
    lp.objective.assign(m, 0.0);
    std::vector<int> rows, cols;
    std::vector<double> values;
    auto add_entry = [&](int row, int col, double value) {
        rows.push_back(row);
        cols.push_back(col);
        values.push_back(value);
    };
    // Adds the d_ak of one actor with their two rows each; returns the columns, -1 for unweighed issues.
    auto add_distances = [&](const LinearUtility& u, bool in_objective) {
        std::vector<int> d(m, -1);
        for (std::size_t k = 0; k < m; ++k) {
            if (u.weight[k] == 0) continue;
            d[k] = static_cast<int>(lp.col_low.size());
            lp.col_low.push_back(0.0);
            lp.col_up.push_back(COIN_DBL_MAX);
            lp.objective.push_back(in_objective ? u.weight[k] : 0.0);
            const int row = static_cast<int>(lp.row_low.size());
            add_entry(row, d[k], 1.0);
            add_entry(row, static_cast<int>(k), -1.0);
            lp.row_low.push_back(-u.ideal[k]);
            lp.row_up.push_back(COIN_DBL_MAX);
            add_entry(row + 1, d[k], 1.0);
            add_entry(row + 1, static_cast<int>(k), 1.0);
            lp.row_low.push_back(u.ideal[k]);
            lp.row_up.push_back(COIN_DBL_MAX);
        }
        return d;
    };
    for (const LossBudget& b : budgets) {
        const std::vector<int> d = add_distances(*b.utility, false);
        const int row = static_cast<int>(lp.row_low.size());
        for (std::size_t k = 0; k < m; ++k)
            if (d[k] >= 0) add_entry(row, d[k], b.utility->weight[k]);
        lp.row_low.push_back(-COIN_DBL_MAX);
        lp.row_up.push_back(b.budget);
    }
    if (proposer != nullptr) add_distances(*proposer, true);

    CoinPackedMatrix matrix(true, rows.data(), cols.data(), values.data(), static_cast<CoinBigIndex>(values.size()));
    matrix.setDimensions(static_cast<int>(lp.row_low.size()), static_cast<int>(lp.col_low.size()));
    lp.rows = matrix.getNumRows();
    lp.cols = matrix.getNumCols();
    for (int j = 0; j < lp.cols; ++j) {
        const CoinBigIndex start = matrix.getVectorStarts()[j];
        lp.starts.push_back(static_cast<int>(lp.index.size()));
        for (int e = 0; e < matrix.getVectorLengths()[j]; ++e) {
            lp.index.push_back(matrix.getIndices()[start + e]);
            lp.value.push_back(matrix.getElements()[start + e]);
        }
    }
    lp.starts.push_back(static_cast<int>(lp.index.size()));
    return lp;
}

}  // namespace accord
