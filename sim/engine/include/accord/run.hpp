// One run: a pure function of (scenario, starting parameters, seed). It draws the uncertain
// parameters, then iterates the dynamics, applying events, proposing and judging terms each round.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "accord/decision.hpp"
#include "accord/dynamics.hpp"
#include "accord/rows_reuse.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Why a run stopped is a value.
enum class StopReason { agreed, converged, round_limit };

struct RoundRecord {
    int round = 0;
    Positions positions;        // normalised
    std::vector<double> terms;  // normalised
    double accepting_share = 0;
    bool agreed = false;
    bool decision = true;  // a decision was judged at this round (every round, or the meetings)
    int proposer = -1;     // rule: setter
    std::vector<ZopaSlice> zopa;  // at decisions
    bool zone = false;
};

struct RunResult {
    std::uint64_t seed = 0;
    int rounds = 0;  // index of the last round reached
    bool converged = false;
    bool agreed = false;
    std::optional<int> agreement_round;
    std::vector<double> terms;  // normalised, the predicted terms (docs/models.md section 9)
    std::vector<double> drawn;  // the value used for each `uncertainty` entry, after clamping
    StopReason stop = StopReason::round_limit;
    // The negotiation process (docs/models.md section 16): the outcome on each issue (the deal's terms, or the
    // status quo without one; normalised; empty in a run without agreement when no issue has a status quo),
    // and the run's final decision (the deal, or the last one judged).
    std::vector<double> outcome;
    int proposer = -1;
    std::optional<int> final_decision_round;
    std::vector<ActorVerdict> final_needed;
    bool final_offer_feasible = true;  // false when no terms met every needed actor at the final decision
    // Under `rule: setter`, in a run without agreement whose final decision had no offer, when asked
    // for (simulate_run's `final_zone`): whether terms acceptable to every needed actor existed there
    // all the same (zopa.csv's `zone`; the setter's program asks more, docs/models.md section 16.6).
    // Not known (nullopt) when not asked for, or when an event changed model.rounds after that
    // decision, so that the run went on past it.
    std::optional<bool> final_zone;
    std::vector<RoundRecord> trajectory;  // filled only when asked for
};

// A run that cannot go on: a non-finite value, an issue without weight, no proposer to draw. The message
// names the run's seed and round, and the actor or issue where there is one (a sweep adds its design point).
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Draws the uncertain parameters `draws` (a run plan's: the file's `uncertainty` less what --set
// fixes) into `params`, in the order listed, clamped to their ranges; returns the values used.
std::vector<double> draw_uncertainty(const Scenario& scenario, const std::vector<Uncertain>& draws, Params& params,
                                     std::uint64_t seed);

// How a run computes its rounds: the fast round on compressed sparse rows (round.hpp), or the
// straightforward reference (InfluenceNetwork and step_dynamics), kept so that tests can show that
// the two give the same bytes. `packed` and `renumbered` are the fast round with the rows' layout
// of a big network forced on any network (RowLayout, influence_rows.hpp), for the same tests;
// `packed_scalar` and `packed_avx` the packed layout with the round's kernel forced (RoundKernel,
// round.hpp); `ranges_scalar` and `ranges_avx` the same with source ranges of `test_range_slots`
// slots (influence_rows.hpp), so that a small network has several; `direct_scalar` and `direct_avx`
// the rows read in place (the layout of every network under 65,536 actors) with the kernel forced.
enum class RoundPath {
    fast,
    reference,
    packed,
    renumbered,
    packed_scalar,
    packed_avx,
    ranges_scalar,
    ranges_avx,
    direct_scalar,
    direct_avx
};
inline constexpr int test_range_slots = 3;

// How a run judges its decisions: `quick` (decide_quick_into for the rounds that need no details,
// when it records nothing and decides every round), or `full` (decide_into at every decision),
// kept so that tests can show that the two give the same results.
enum class DecisionPath { quick, full };

// Simulates one run from `start` (a run plan's starting parameters, after any sweep point),
// drawing `draws` from the run's seed. With `reuse` (RowsReuse::for_start of the same `start` and
// `draws`), a run reads the influence rows that the first run of the key built, and finds its
// thread's parameters, anchors and decision inputs as an earlier run of the key left them: a key
// must only ever be passed with the same scenario, `start` object (unchanged) and `draws`.
// `final_zone` asks for RunResult::final_zone (a linear program more in such a run: the console of
// `accord run` reads it).
RunResult simulate_run(const Scenario& scenario, const Params& start, const std::vector<Uncertain>& draws,
                       std::uint64_t seed, bool record_trajectory, RoundPath path = RoundPath::fast,
                       RowsReuse reuse = {}, DecisionPath decisions = DecisionPath::quick, bool final_zone = false);
// Two runs of one key (`reuse`, not 0) computed side by side on the calling thread: each result is
// simulate_run's for its seed, bit for bit. While both runs go on, a round of packed rows computes
// both runs' rounds in one pass over the rows (step_round_pair, round.hpp), whose bytes a big network
// streams from memory once instead of twice. An error does not say which run failed: the runners
// compute the first run again alone and pair the second anew (sim/runner/src/run_pairs.hpp), so
// that each run fails, or not, as alone.
std::array<RunResult, 2> simulate_run_pair(const Scenario& scenario, const Params& start,
                                           const std::vector<Uncertain>& draws, std::array<std::uint64_t, 2> seeds,
                                           std::array<bool, 2> record_trajectory, RoundPath path, RowsReuse reuse,
                                           DecisionPath decisions = DecisionPath::quick, bool final_zone = false);
// From this many actors, runs whose rows are shared (a key) and which the runner pairs (runs_pair,
// RowsReuse::paired) build packed rows on the fast path, where runs computed one at a time read
// their rows in place below packed_rows_actors. Two runs' rounds in one pass over the rows load each
// edge's source and weights once for both: 12% (100 actors) to about a third (500 and more) less
// CPU a run on bench/make_network.py's networks, nothing at 30 (docs/performance.md "### Runs
// paired from 128 actors").
inline constexpr int paired_rows_actors = 1 << 7;

// Whether simulate_run_pair can share rounds for runs of `scenario` with `reuse` on `path`: a key,
// packed rows (from paired_rows_actors actors on the fast path, which packs them for a runner that
// pairs, RowsReuse::paired), three or four issues, no coupling, no expected utility, and a
// processor with AVX. Otherwise pairing runs only costs a second set of buffers.
bool runs_pair(const Scenario& scenario, RowsReuse reuse, RoundPath path);
// Whether the runners pair the runs of a plan with `draws` (on the fast path, with the key they give it).
bool runs_pair(const Scenario& scenario, const std::vector<Uncertain>& draws);
// Whether runs_pair may say yes (it does unless told not to): tests turn pairing off to compare a
// runner's bytes with its runs computed one at a time. For the whole process: change it only while
// no runner runs.
void allow_run_pairs(bool allowed);
// How many times runs on the calling thread have built influence rows (at their start and after
// events), on the fast paths: tests show with it when runs keep their rows (rows_reuse.hpp).
long rows_built_on_this_thread();
// How many rounds of two runs simulate_run_pair has computed in one step_round_pair, in this
// process: tests show with it that pairs share their rounds.
long paired_rounds();

// The file as it is, with no plan: its own `uncertainty` drawn (tests and library users).
RunResult simulate_run(const Scenario& scenario, const Params& start, std::uint64_t seed, bool record_trajectory);

}  // namespace accord
