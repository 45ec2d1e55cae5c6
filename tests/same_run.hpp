// Every field of two runs compared bit for bit, for the tests that run one scenario on two code paths
// (test_round_paths: the round's layouts and kernels; test_decision_paths: quick and full decisions).
#pragma once

#include "accord/run.hpp"
#include "accord/dynamics.hpp"

namespace accord::test {

// Same shape and same bits (NaN included), not merely ==.
bool same_bits(const Positions& a, const Positions& b);

// Catch CHECKs that `a` and `b` agree in every field: the stop, the rounds, the agreement, the proposer,
// the terms, the outcome, the draws, the final decision's needed actors and every field of every recorded
// round (positions, terms, accepting share, agreement, proposer, zone of agreement).
void check_same_run(const RunResult& a, const RunResult& b);

}  // namespace accord::test
