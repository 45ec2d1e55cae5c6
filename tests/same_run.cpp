#include "same_run.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <optional>

#include "support.hpp"

namespace accord::test {

bool same_bits(const Positions& a, const Positions& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

namespace {
bool same_optional_bits(const std::optional<double>& a, const std::optional<double>& b) {
    return a.has_value() == b.has_value() && (!a || same_bits(*a, *b));
}
}  // namespace

void check_same_run(const RunResult& a, const RunResult& b) {
    CHECK(a.seed == b.seed);
    CHECK(a.rounds == b.rounds);
    CHECK(a.converged == b.converged);
    CHECK(a.agreed == b.agreed);
    CHECK(a.agreement_round == b.agreement_round);
    CHECK(a.stop == b.stop);
    CHECK(a.proposer == b.proposer);
    CHECK(a.final_decision_round == b.final_decision_round);
    CHECK(a.final_offer_feasible == b.final_offer_feasible);
    CHECK(same_bits(a.terms, b.terms));
    CHECK(same_bits(a.outcome, b.outcome));
    CHECK(same_bits(a.drawn, b.drawn));
    REQUIRE(a.final_needed.size() == b.final_needed.size());
    for (std::size_t i = 0; i < a.final_needed.size(); ++i) {
        CHECK(a.final_needed[i].actor == b.final_needed[i].actor);
        CHECK(same_bits(a.final_needed[i].utility, b.final_needed[i].utility));
        CHECK(same_bits(a.final_needed[i].reservation, b.final_needed[i].reservation));
        CHECK(a.final_needed[i].accepted == b.final_needed[i].accepted);
    }
    REQUIRE(a.trajectory.size() == b.trajectory.size());
    for (std::size_t t = 0; t < a.trajectory.size(); ++t) {
        CHECK(same_bits(a.trajectory[t].positions, b.trajectory[t].positions));
        CHECK(same_bits(a.trajectory[t].terms, b.trajectory[t].terms));
        CHECK(same_bits(a.trajectory[t].accepting_share, b.trajectory[t].accepting_share));
        CHECK(a.trajectory[t].round == b.trajectory[t].round);
        CHECK(a.trajectory[t].decision == b.trajectory[t].decision);
        CHECK(a.trajectory[t].agreed == b.trajectory[t].agreed);
        CHECK(a.trajectory[t].proposer == b.trajectory[t].proposer);
        CHECK(a.trajectory[t].zone == b.trajectory[t].zone);
        REQUIRE(a.trajectory[t].zopa.size() == b.trajectory[t].zopa.size());
        for (std::size_t z = 0; z < a.trajectory[t].zopa.size(); ++z) {
            const ZopaSlice &u = a.trajectory[t].zopa[z], &v = b.trajectory[t].zopa[z];
            CHECK(u.issue == v.issue);
            CHECK(u.actor == v.actor);
            CHECK(same_optional_bits(u.low, v.low));
            CHECK(same_optional_bits(u.high, v.high));
        }
    }
}

}  // namespace accord::test
