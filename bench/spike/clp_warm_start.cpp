// Spike for issue 13 item 3 (docs/performance.md "Many small runs"): does Clp's column solution of the
// setter's lifted program depend only on the final basis? Each program is solved cold, as
// solve_lifted_lp does (sim/engine/src/setter.cpp), then a fresh model is given the final basis
// (copyinStatus) and solved again with dual(); the columns are compared bit for bit.
//   clp_warm_start dump FILE [cold|warm|both|status]   programs dumped one per line (see docs/performance.md)
//   clp_warm_start random N SEED                N random programs like tests/unit/test_lifted_lp.cpp's
#include <ClpFactorization.hpp>
#include <ClpMessage.hpp>
#include <ClpSimplex.hpp>
#include <CoinFinite.hpp>
#include <CoinMessage.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "accord/lifted_lp.hpp"

using namespace accord;

namespace {

struct Program {
    std::size_t m = 0;
    std::vector<LinearUtility> utilities;  // the budgeted actors, then the proposer when present
    std::vector<double> budget;
    bool proposer = false;
};

struct Solved {
    int status = -1;
    int iterations = 0;
    int pivots_since_factorisation = 0;  // updates the final values carry (0: a fresh factorisation)
    std::vector<double> columns;
    std::vector<unsigned char> basis;
};

// As solve_lifted_lp: message texts built once per thread (they only format what Clp prints).
void load(ClpSimplex& model, const LiftedLp& lp) {
    thread_local const ClpMessage clp_messages;
    thread_local const CoinMessage coin_messages;
    *model.messagesPointer() = clp_messages;
    *model.coinMessagesPointer() = coin_messages;
    const CoinPackedMatrix matrix(true, lp.rows, lp.cols, static_cast<CoinBigIndex>(lp.value.size()), lp.value.data(),
                                  lp.index.data(), lp.starts.data(), nullptr);
    model.setLogLevel(0);
    model.loadProblem(matrix, lp.col_low.data(), lp.col_up.data(), lp.objective.data(), lp.row_low.data(),
                      lp.row_up.data());
    model.scaling(0);
    model.setPrimalTolerance(1e-10);
    model.setDualTolerance(1e-10);
}

Solved finish(ClpSimplex& model) {
    Solved s;
    s.status = model.status();
    s.iterations = model.numberIterations();
    s.pivots_since_factorisation = model.factorization()->pivots();
    s.columns.assign(model.getColSolution(), model.getColSolution() + model.numberColumns());
    s.basis.assign(model.statusArray(), model.statusArray() + model.numberColumns() + model.numberRows());
    return s;
}

// As solve_lifted_lp.
__attribute__((noinline)) Solved solve_cold(const LiftedLp& lp) {
    ClpSimplex model(true);
    load(model, lp);
    model.dual();
    if (model.status() != 0 && model.status() != 1) model.primal();
    return finish(model);
}

__attribute__((noinline)) Solved solve_warm(const LiftedLp& lp, const std::vector<unsigned char>& basis) {
    ClpSimplex model(true);
    load(model, lp);
    model.copyinStatus(basis.data());
    model.dual();
    if (model.status() != 0 && model.status() != 1) model.primal();
    return finish(model);
}

LiftedLp build(const Program& p) {
    std::vector<LossBudget> budgets;
    for (std::size_t a = 0; a < p.budget.size(); ++a) budgets.push_back({&p.utilities[a], p.budget[a]});
    LiftedLp lp;
    build_lifted_lp(p.m, budgets, p.proposer ? &p.utilities.back() : nullptr, lp);
    return lp;
}

bool read(std::istream& in, Program& p) {
    std::string line;
    if (!std::getline(in, line)) return false;
    std::istringstream s(line);
    std::size_t n = 0;
    int with_proposer = 0;
    s >> p.m >> n >> with_proposer;
    p.proposer = with_proposer != 0;
    p.utilities.assign(n + p.proposer, LinearUtility{});
    p.budget.assign(n, 0.0);
    std::string word;
    auto next = [&] {
        s >> word;
        return std::strtod(word.c_str(), nullptr);  // hexadecimal floats, exact
    };
    for (std::size_t a = 0; a < n + p.proposer; ++a) {
        for (std::size_t k = 0; k < p.m; ++k) {
            p.utilities[a].ideal.push_back(next());
            p.utilities[a].weight.push_back(next());
        }
        if (a < n) p.budget[a] = next();
    }
    return true;
}

Program random_program(std::mt19937_64& rng, int trial) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Program p;
    p.m = 1 + trial % 5;
    const std::size_t actors = 1 + trial % 7;
    for (std::size_t a = 0; a <= actors; ++a) {
        LinearUtility u;
        for (std::size_t k = 0; k < p.m; ++k) {
            u.ideal.push_back(trial % 3 == 0 ? std::round(unit(rng) * 4) / 4 : unit(rng));
            u.weight.push_back(unit(rng) < 0.3 ? 0.0 : unit(rng));
        }
        p.utilities.push_back(u);
        if (a < actors) p.budget.push_back(unit(rng));
    }
    p.proposer = trial % 4 != 3;
    if (!p.proposer) p.utilities.pop_back();
    return p;
}

struct Tally {
    long programs = 0, optimal = 0, infeasible = 0, other = 0, mismatched = 0, status_differs = 0,
         warm_iterations_nonzero = 0, mismatched_warm_iterated = 0, mismatched_after_updates = 0,
         optimal_after_updates = 0, optimal_warm_iterated = 0, cold_iterations = 0, warm_iterations = 0,
         tau_mismatched = 0;
};

void compare(const Program& p, Tally& t) {
    const LiftedLp lp = build(p);
    const Solved cold = solve_cold(lp);
    const Solved warm = solve_warm(lp, cold.basis);
    ++t.programs;
    t.cold_iterations += cold.iterations;
    t.warm_iterations += warm.iterations;
    t.warm_iterations_nonzero += warm.iterations != 0;
    if (cold.status != warm.status) ++t.status_differs;
    if (cold.status == 0) {
        ++t.optimal;
        t.optimal_after_updates += cold.pivots_since_factorisation != 0;
        t.optimal_warm_iterated += warm.iterations != 0;
        if (std::memcmp(cold.columns.data(), warm.columns.data(), cold.columns.size() * sizeof(double)) != 0) {
            ++t.mismatched;
            double worst = 0;
            for (std::size_t j = 0; j < cold.columns.size(); ++j)
                worst = std::max(worst, std::abs(cold.columns[j] - warm.columns[j]));
            int basis_differs = 0;
            for (std::size_t j = 0; j < cold.basis.size(); ++j)
                basis_differs += (cold.basis[j] & 7) != (warm.basis[j] & 7);
            if (std::getenv("SPIKE_VERBOSE"))
                std::printf(
                    "  mismatch: m %zu rows %d cols %d cold it %d (pivots since factorisation %d) warm it %d, largest "
                    "diff %g, basis entries differing %d\n",
                    p.m, lp.rows, lp.cols, cold.iterations, cold.pivots_since_factorisation, warm.iterations, worst,
                    basis_differs);
            t.mismatched_warm_iterated += warm.iterations != 0;
            t.mismatched_after_updates += cold.pivots_since_factorisation != 0;
        }
        if (std::memcmp(cold.columns.data(), warm.columns.data(), p.m * sizeof(double)) != 0) ++t.tau_mismatched;
    } else if (cold.status == 1) {
        ++t.infeasible;
    } else {
        ++t.other;
    }
}

void print(const Tally& t) {
    std::printf(
        "programs %ld optimal %ld infeasible %ld other %ld | status differs %ld | columns differ %ld, "
        "tau differs %ld (of optimal; %ld of them after warm iterations) | optimal with updated final values %ld, "
        "of them differing %ld | iterations cold %ld warm %ld, warm nonzero in %ld (%ld optimal)\n",
        t.programs, t.optimal, t.infeasible, t.other, t.status_differs, t.mismatched, t.tau_mismatched,
        t.mismatched_warm_iterated, t.optimal_after_updates, t.mismatched_after_updates, t.cold_iterations,
        t.warm_iterations, t.warm_iterations_nonzero, t.optimal_warm_iterated);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "dump") == 0) {
        const std::string mode = argc > 3 ? argv[3] : "both";
        std::ifstream in(argv[2]);
        Program p;
        Tally t;
        std::vector<Program> programs;
        while (read(in, p)) programs.push_back(p);
        if (mode == "status") {  // one line per program: Clp's status and iterations, cold
            for (const Program& q : programs) {
                const Solved cold = solve_cold(build(q));
                std::printf("%d %d\n", cold.status, cold.iterations);
            }
            return 0;
        }
        if (mode == "both") {
            for (const Program& q : programs) compare(q, t);
            print(t);
            return 0;
        }
        // Instruction counts: one solve per program, cold, or warm from the cold solve's basis (the
        // cold solves done first so that callgrind --toggle-collect=*solve_warm* counts the warm ones).
        std::vector<LiftedLp> lps;
        std::vector<std::vector<unsigned char>> bases;
        for (const Program& q : programs) {
            lps.push_back(build(q));
            bases.push_back(solve_cold(lps.back()).basis);
        }
        long sum = 0;
        for (std::size_t i = 0; i < lps.size(); ++i)
            sum += mode == "warm" ? solve_warm(lps[i], bases[i]).iterations : solve_cold(lps[i]).iterations;
        std::printf("%zu programs, %ld iterations (%s)\n", lps.size(), sum, mode.c_str());
        return 0;
    }
    if (argc >= 4 && std::strcmp(argv[1], "random") == 0) {
        std::mt19937_64 rng(std::strtoull(argv[3], nullptr, 10));
        Tally t;
        for (int trial = 0, n = std::atoi(argv[2]); trial < n; ++trial) compare(random_program(rng, trial), t);
        print(t);
        return 0;
    }
    std::fprintf(stderr, "usage: clp_warm_start dump FILE [cold|warm|both|status] | random N SEED\n");
    return 2;
}
