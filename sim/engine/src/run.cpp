#include "accord/run.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#if defined(__x86_64__) || defined(__i386__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "accord/decision.hpp"
#include "accord/decision_inputs.hpp"
#include "accord/expected_utility.hpp"
#include "accord/outcome.hpp"
#include "accord/random.hpp"
#include "accord/round.hpp"

namespace accord {

std::vector<double> draw_uncertainty(const Scenario& s, const std::vector<Uncertain>& draws, Params& params,
                                     std::uint64_t seed) {
    std::vector<double> drawn;
    if (draws.empty()) return drawn;
    Rng rng(seed);
    drawn.reserve(draws.size());
    for (const Uncertain& u : draws) {
        const double value = clamp_param_value(u.path, draw(u.distribution, rng), s);
        set_param(params, u.path, value, s);
        drawn.push_back(value);
    }
    return drawn;
}

namespace {

// Whether every one of n doubles from v is finite: one pass with no branch to a message, the test of
// every round (check_finite then looks for the culprit only when one is not).
// On the bits (exponent all ones: an infinity or a NaN) of each double's upper half, which the
// compiler vectorises with SSE2 (a 64-bit compare needs SSE4.1, and std::isfinite a branch each).
bool all_finite(const double* v, std::size_t n) {
    constexpr std::uint32_t exponent = 0x7ff00000U;
    std::uint32_t not_finite = 0;
    for (std::size_t i = 0; i < n; ++i)
        not_finite |= (static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(v[i]) >> 32) & exponent) == exponent;
    return not_finite == 0;
}

// Names the position or term of check_finite's test that is not finite. Out of line: the test runs
// every round and this never but once, and inlined, its frame cost the test 200 instructions a call.
[[gnu::noinline, gnu::cold]] void report_not_finite(const Scenario& s, const Params& p, const Positions& x,
                                                     const std::vector<double>& terms, std::uint64_t seed, int round) {
    for (long i = 0; i < x.rows(); ++i)
        for (long k = 0; k < x.cols(); ++k)
            if (!std::isfinite(x(i, k)))
                throw RunError(fmt::format(
                    "run with seed {}: round {}: the position of actor '{}' on issue '{}' is not "
                    "a finite number",
                    seed, round, s.actors[static_cast<std::size_t>(i)].id, s.issues[static_cast<std::size_t>(k)].id));
    for (std::size_t k = 0; k < terms.size(); ++k) {
        if (std::isfinite(terms[k])) continue;
        double weight = 0;
        for (const auto& a : p.actors) weight += a.capability * a.salience[k];
        if (weight == 0)
            throw RunError(
                fmt::format("run with seed {}: round {}: no terms can be proposed on issue '{}': no actor "
                            "has both capability and salience above 0 there",
                            seed, round, s.issues[k].id));
        throw RunError(
            fmt::format("run with seed {}: round {}: the terms on issue '{}' are not a finite number: the "
                        "capabilities are too large to add up (their sum is {}); rescale them",
                        seed, round, s.issues[k].id, weight));
    }
}

// Refuses positions or terms that are not finite. positions_finite: largest_move has already found
// every position of x finite this round, so only the terms are read.
inline void check_finite(const Scenario& s, const Params& p, const Positions& x, const std::vector<double>& terms,
                         std::uint64_t seed, int round, bool positions_finite = false) {
    if ((positions_finite || all_finite(x.data(), static_cast<std::size_t>(x.size()))) &&
        all_finite(terms.data(), terms.size()))
        return;
    report_not_finite(s, p, x, terms, seed, round);
}

// max over (i, k) of |after(i, k) - before(i, k)|, starting from 0, as std::max(moved, .) in order
// (docs/models.md section 5). In four running maxima, which need no wait on one another: every
// candidate is +0, positive or NaN, std::max never takes a NaN (it keeps its first argument), and
// the largest of non-negative numbers is the same double in any order, so the result is the same.
// The four maxima in the lanes of two SSE2 registers (the compiler kept them scalar): _mm_max_pd(d, m)
// is d > m ? d : m, which keeps m where d is NaN, as std::max(m, d); clearing the sign bit is std::abs.
// In the same pass, `finite`: whether every double of `after` is finite, check_finite's test of the
// round's positions (a * 0 is a zero when a is finite and NaN when not; OR-ed, the bits of a NaN keep
// an exponent of all ones).
double largest_move(const Positions& after, const Positions& before, bool& finite) {
    const double* a = after.data();
    const double* b = before.data();
    const long size = before.size();
    long e = 0;
#if defined(__x86_64__) || defined(__i386__)
    const __m128d sign = _mm_set1_pd(-0.0);
    const __m128d zero = _mm_setzero_pd();
    __m128d m01 = zero, m23 = zero, nan = zero;
    for (; e + 4 <= size; e += 4) {
        const __m128d a01 = _mm_loadu_pd(a + e), a23 = _mm_loadu_pd(a + e + 2);
        m01 = _mm_max_pd(_mm_andnot_pd(sign, _mm_sub_pd(a01, _mm_loadu_pd(b + e))), m01);
        m23 = _mm_max_pd(_mm_andnot_pd(sign, _mm_sub_pd(a23, _mm_loadu_pd(b + e + 2))), m23);
        nan = _mm_or_pd(nan, _mm_or_pd(_mm_mul_pd(a01, zero), _mm_mul_pd(a23, zero)));
    }
    double m[4];
    _mm_storeu_pd(m, m01);
    _mm_storeu_pd(m + 2, m23);
    double m0 = m[0];
    const double m1 = m[1], m2 = m[2], m3 = m[3];
    finite = _mm_movemask_pd(_mm_cmpunord_pd(nan, nan)) == 0;
#else
    double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (; e + 4 <= size; e += 4) {
        m0 = std::max(m0, std::abs(a[e] - b[e]));
        m1 = std::max(m1, std::abs(a[e + 1] - b[e + 1]));
        m2 = std::max(m2, std::abs(a[e + 2] - b[e + 2]));
        m3 = std::max(m3, std::abs(a[e + 3] - b[e + 3]));
    }
    finite = all_finite(a, static_cast<std::size_t>(e));
#endif
    for (; e < size; ++e) {
        m0 = std::max(m0, std::abs(a[e] - b[e]));
        finite = finite && std::isfinite(a[e]);
    }
    return std::max(std::max(m0, m1), std::max(m2, m3));
}

// Capabilities and weights so large that their sums overflow would make terms or influence
// silently 0 or NaN: refuse them, naming the actor, when a run starts and after each event.
void check_scale(const Scenario& s, const Params& p, const DecisionInputs& in, std::uint64_t seed, int round) {
    double capability = 0;
    for (double c : in.capability) capability += c;
    if (!std::isfinite(capability))
        throw RunError(
            fmt::format("run with seed {}: round {}: the capabilities add up to more than a double can hold; "
                        "rescale them",
                        seed, round));
    // Every term below is a product of non-negative parameters (params.cpp), so each actor's sum is at
    // most the sum of all terms, whose rounding errors stay far below a factor of 2: when that sum,
    // in any order, is at most a quarter of the largest double, no actor's sum can overflow, and
    // the per-actor sums need not be made (the check runs at every run's start and after events
    // that set weights; four running sums need no wait on one another).
    {
        const std::size_t n = p.actors.size();
        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (std::size_t i = 0; i < n; ++i) t0 += p.actors[i].self_weight * p.actors[i].capability;
        const Edge* edge = p.edges.data();
        const std::size_t edges = p.edges.size();
        std::size_t e = 0;
        for (; e + 3 < edges; e += 4) {
            t0 += edge[e].weight * in.capability[static_cast<std::size_t>(edge[e].from)];
            t1 += edge[e + 1].weight * in.capability[static_cast<std::size_t>(edge[e + 1].from)];
            t2 += edge[e + 2].weight * in.capability[static_cast<std::size_t>(edge[e + 2].from)];
            t3 += edge[e + 3].weight * in.capability[static_cast<std::size_t>(edge[e + 3].from)];
        }
        for (; e < edges; ++e) t0 += edge[e].weight * in.capability[static_cast<std::size_t>(edge[e].from)];
        if ((t0 + t1) + (t2 + t3) <= std::numeric_limits<double>::max() / 4) return;
    }
    // Else find the actor whose sum overflows, if one does.
    thread_local std::vector<double> incoming;  // a thread's buffer
    incoming.assign(p.actors.size(), 0);
    for (std::size_t i = 0; i < p.actors.size(); ++i) incoming[i] = p.actors[i].self_weight * p.actors[i].capability;
    for (const Edge& e : p.edges)
        incoming[static_cast<std::size_t>(e.to)] += e.weight * in.capability[static_cast<std::size_t>(e.from)];
    for (std::size_t i = 0; i < p.actors.size(); ++i)
        if (!std::isfinite(incoming[i]))
            throw RunError(
                fmt::format("run with seed {}: round {}: the influence weights on actor '{}' add up to more "
                            "than a double can hold; rescale capabilities or weights",
                            seed, round, s.actors[i].id));
}

}  // namespace

namespace {

thread_local long rows_built = 0;  // rows_built_on_this_thread
std::atomic<long> rounds_paired{0};  // paired_rounds
std::atomic<bool> pairs_allowed{true};  // allow_run_pairs

// What a fast path asks of the rows and the round: the layout, the source ranges' width (0: one
// range) and the kernel. One switch, so that a new path cannot be mapped in one place and not the other.
struct RowPathSetting {
    RowLayout layout = RowLayout::automatic;
    int range_slots = 0;
    RoundKernel kernel = RoundKernel::automatic;
};

RowPathSetting row_path_setting(RoundPath path) {
    switch (path) {
        case RoundPath::fast:
        case RoundPath::reference:
            return {};
        case RoundPath::packed:
            return {RowLayout::packed, 0, RoundKernel::automatic};
        case RoundPath::renumbered:
            return {RowLayout::renumbered, 0, RoundKernel::automatic};
        case RoundPath::packed_scalar:
            return {RowLayout::packed, 0, RoundKernel::scalar};
        case RoundPath::packed_avx:
            return {RowLayout::packed, 0, RoundKernel::avx};
        case RoundPath::ranges_scalar:
            return {RowLayout::packed, test_range_slots, RoundKernel::scalar};
        case RoundPath::ranges_avx:
            return {RowLayout::packed, test_range_slots, RoundKernel::avx};
        case RoundPath::direct_scalar:
            return {RowLayout::direct, 0, RoundKernel::scalar};
        case RoundPath::direct_avx:
            return {RowLayout::direct, 0, RoundKernel::avx};
    }
    return {};
}

// Every field of `from` that is neither an actor's nor an edge's into `to`. The binding stops
// compiling when Params gains a field.
void assign_globals(Params& to, const Params& from) {
    auto& [actors, edges, confidence, tolerance, rounds, threshold, step, temperature, margin, status_quo] = to;
    (void)actors;
    (void)edges;
    confidence = from.confidence;
    tolerance = from.tolerance;
    rounds = from.rounds;
    threshold = from.threshold;
    step = from.step;
    temperature = from.temperature;
    margin = from.margin;
    status_quo = from.status_quo;
}

// Every field of `from` but its edges into `to`, whose edges are let go: a run that keeps its rows
// reads no edge but through the rows, which were built from its start's edges (no draw or event of
// such a run sets a weight), and a copy of them (16 bytes an edge, 160 MB at ten million) would be
// its only step over the edges but the round, and would stay in each thread's buffers.
void assign_all_but_edges(Params& to, const Params& from) {
    to.actors = from.actors;
    if (to.edges.capacity() != 0) std::vector<Edge>().swap(to.edges);
    assign_globals(to, from);
}

// `to`, which is `from` as the last run of the same key left it, made `from` again but for its
// edges (assign_all_but_edges); `actors` lists the actors copied back. A run sets parameters of
// actors only through its draws and its events' `set`, the same for every run of a key, so only the
// actors these name are copied: at a million actors copying them all is a pass over 150 MB of
// structures and their heap blocks.
void restore_set_actors(Params& to, const Params& from, const Scenario& s, const std::vector<Uncertain>& draws,
                        std::vector<int>& actors) {
    actors.clear();
    const auto restore = [&](const ParamPath& path) {
        if (path.actor >= 0) {
            const auto a = static_cast<std::size_t>(path.actor);
            to.actors[a] = from.actors[a];
            actors.push_back(path.actor);
        }
    };
    for (const Uncertain& u : draws) restore(u.path);
    for (const Event& e : s.events)
        for (const Assignment& a : e.set) restore(a.path);
    assign_globals(to, from);
}

// What a run's rounds write into, kept by each thread from one run to the next so that a run of a
// small scenario allocates almost nothing (issue 13): assignments into these keep their capacity.
struct RunBuffers {
    Params p;
    Positions x, anchor, next, coupled;
    InfluenceRows rows;                          // a run's own rows, when it cannot keep them
    std::shared_ptr<const InfluenceRows> kept;   // the rows of rows_key, shared by threads (rows_reuse.hpp)
    PackedRecords records;                       // what the round packs and writes (packed_records.hpp)
    DecisionInputs inputs;
    DecisionOutcome d;
    std::vector<double> deal_terms, latest_terms;
    std::vector<ActorVerdict> final_needed;
    std::vector<int> event_actors;  // the actors whose decision inputs the round's events changed
    std::vector<int> row_actors;    // the actors whose influence factors or own weights they changed
    bool busy = false;  // in use by a run of this thread
    // `kept` holds the rows of this key (RowsReuse, 0: none) on this path: a later run with the same
    // key keeps them.
    std::uint64_t rows_key = 0;
    RoundPath rows_path = RoundPath::fast;
    // `p`, `anchor` and `inputs` are those of this key's start (RowsReuse, 0: none) but at the actors
    // that the draws and events of the thread's last run set: the next run of the key makes only
    // these actors its own (restore_set_actors), not every actor.
    std::uint64_t params_key = 0;
    const Params* params_start = nullptr;  // the start of that key's runs (a key given with another: no key)
    std::vector<int> set_actors;  // the actors that the draws and events of a run of the key set
};

// The buffers of this thread, or fresh ones when this thread's are in use (a run started while
// another waits, which the isolated parallel round prevents, is still correct, only slower). Two
// sets a thread: the two runs of simulate_run_pair each keep their own from one pair to the next.
class BufferLease {
public:
    BufferLease() {
        thread_local RunBuffers cached[2];
        buffers_ = !cached[0].busy ? &cached[0] : !cached[1].busy ? &cached[1] : &own_.emplace();
        buffers_->busy = true;
    }
    ~BufferLease() { buffers_->busy = false; }
    BufferLease(const BufferLease&) = delete;
    BufferLease& operator=(const BufferLease&) = delete;
    RunBuffers& get() { return *buffers_; }

private:
    std::optional<RunBuffers> own_;
    RunBuffers* buffers_ = nullptr;
};

// The state of one run, as msprime keeps its simulator state: what the run was given, what its
// rounds change, where it is in its events, and what it returns. The influence network points at
// `p`, so a RunState stays where it was made.
struct RunState {
    // Inputs: fixed for the whole run.
    const Scenario& s;
    const std::uint64_t seed;
    const bool record;       // keep every round in result.trajectory (and the zone of agreement)
    const bool want_zone;    // RunResult::final_zone asked for
    const bool at_meetings;  // decisions only at meeting rounds (docs/models.md section 16.3)
    const RoundPath path;    // the fast round on sparse rows, or the straightforward reference
    const RoundKernel kernel;  // the round's kernel on that path (row_path_setting, asked once, not every round)
    const bool keep_rows;    // the rows cannot change in this run and may be kept (rows_reuse.hpp)
    // Decisions every round and nothing recorded: until a deal, a round needs only the terms and
    // whether the deal holds (decide_quick_into); the final decision's details are computed once,
    // at finish(), from the positions of its round, which are still `x` then.
    const bool quick;
    // The rounds computed at once in this process (rounds_at_once), asked at the first packed round
    // (0 until then): TBB's locks once a run, not every round.
    int at_once = 0;
    // evaluate's rounds that cannot agree: above what rounding can change in the terms and a utility
    // at two rounds (a weighted mean over n actors is within n units of the 16th digit of the exact
    // one, numbers here being at most 1; a utility adds m more), far below any shortfall that matters.
    const double rounding_reach;

    // State: the parameters (after the draws, then as events set them), the positions of the
    // current round and the next, the anchors x(0) (as events last set them), the network built
    // from the parameters (sparse rows, or InfluenceNetwork on the reference path), and the
    // expected-utility model when it is the dynamics. All but the last two live in `lease`. The
    // round reads `round_rows`: the run's own `rows`, or the rows its key shares (keep_rows).
    BufferLease lease;
    Params& p;
    Positions &x, &anchor, &next, &coupled;
    InfluenceRows& rows;
    const InfluenceRows* round_rows;
    std::optional<InfluenceNetwork> network;
    std::optional<ExpectedUtilityModel> expected_utility;
    DecisionInputs& inputs;           // the actors' decision inputs of `p` (decision_inputs.hpp)
    DecisionOutcome& d;               // reused by every decision of the run
    // The latest proposal, the final decision's terms and needed actors so far: swapped with the
    // decision's vectors, not copied (three calls of memmove a round, 4% of a run of a small
    // scenario, issue 13); finish() writes them into the result. deal_is_latest: the final
    // decision's terms are those in latest_terms (deal_terms is then stale).
    std::vector<double>& deal_terms;
    std::vector<double>& latest_terms;
    std::vector<ActorVerdict>& final_needed;
    bool deal_is_latest = false;
    bool positions_finite = false;  // advance() found every position of x finite (check_finite)
    double last_move = 0;           // advance()'s largest move of a position
    // The rejecting actor's shortfall from its reservation at the last round judged, less twice
    // the moves since (evaluate): 0 when nothing is known, and after any event that sets something.
    double shortfall = 0;
    bool needed_pending = false;  // final_needed is not yet that of result.final_decision_round
    std::size_t first_judged = 0;  // decide_quick_into's hint: the actor who rejected last

    // Counters: where the run is in its events. The last round at which an event that sets
    // something can apply (events at round 0 are part of the initial state; events after this
    // run's model.rounds, which a draw may have lowered, never apply; a meeting that only decides
    // changes nothing); and, under at-meetings, the deadline.
    std::size_t next_event = 0;
    bool meeting_now = false;  // the events applied last made a meeting
    int last_event_round = 0;
    int last_meeting = -1;

    // Output.
    RunResult result;

    RunState(const Scenario& scenario, const Params& start, const std::vector<Uncertain>& draws, std::uint64_t run_seed,
             bool record_rounds, RoundPath round_path, RowsReuse reuse, DecisionPath decisions, bool final_zone)
        : s(scenario),
          seed(run_seed),
          record(record_rounds),
          want_zone(final_zone),
          at_meetings(scenario.outcome.decide == DecideRule::at_meetings),
          path(round_path),
          kernel(row_path_setting(round_path).kernel),
          keep_rows(reuse.key != 0 && round_path != RoundPath::reference),
          quick(decisions == DecisionPath::quick && !record && !at_meetings),
          rounding_reach(1e-9 + 4 * static_cast<double>(scenario.actors.size() + scenario.issues.size()) *
                                    std::numeric_limits<double>::epsilon()),
          p(lease.get().p),
          x(lease.get().x),
          anchor(lease.get().anchor),
          next(lease.get().next),
          coupled(lease.get().coupled),
          rows(lease.get().rows),
          round_rows(&rows),
          inputs(lease.get().inputs),
          d(lease.get().d),
          deal_terms(lease.get().deal_terms),
          latest_terms(lease.get().latest_terms),
          final_needed(lease.get().final_needed) {
        RunBuffers& buffers = lease.get();
        const bool rows_kept = keep_rows && buffers.rows_key == reuse.key && buffers.rows_path == path;
        if (rows_kept) round_rows = buffers.kept.get();
        // A run of the key this thread's last run had finds `p`, the anchors and the decision inputs
        // as that run left them: its start's but at the actors its draws and events set, which it
        // makes its start's again (restore_set_actors) and then its own, as for any run (the same
        // copies and the same fill_actor: the same doubles). A thread's last run of the key may have
        // stopped anywhere, by an error too; until this run's are made, `p` and the rest are no key's.
        const bool params_kept = keep_rows && buffers.params_key == reuse.key && buffers.params_start == &start;
        buffers.params_key = 0;
        std::vector<int>& set_actors = buffers.set_actors;
        if (params_kept)
            restore_set_actors(p, start, s, draws, set_actors);
        else if (keep_rows)
            assign_all_but_edges(p, start);
        else
            p = start;
        deal_terms.clear();
        result.seed = seed;
        result.drawn = draw_uncertainty(s, draws, p, seed);
        if (params_kept) {
            initial_positions_of_actors_into(p, set_actors, anchor);
            x = anchor;
            decision_inputs_of_actors_into(s, p, set_actors, inputs);
        } else {
            initial_positions_into(p, s.issue_count(), x);
            anchor = x;
            decision_inputs_into(s, p, inputs);
        }
        next.resize(x.rows(), x.cols());
        if (keep_rows) {
            buffers.params_key = reuse.key;
            buffers.params_start = &start;
        }
        if (!rows_kept) start_network(reuse, start);
        for (const Event& e : s.events) {
            if (e.round > p.rounds) continue;
            if (!e.set.empty()) last_event_round = std::max(last_event_round, e.round);
            if (e.meeting) last_meeting = std::max(last_meeting, e.round);
        }
    }
    RunState(const RunState&) = delete;
    RunState& operator=(const RunState&) = delete;

    void start_network(RowsReuse reuse, const Params& start);
    void build_network();
    void apply_events(int round, Positions& state);
    bool refill_weights(std::size_t first);
    bool evaluate(int round, const Positions& state);
    void record_round(int round, const Positions& state, bool decision);
    std::optional<StopReason> open();
    bool pairs_with(const RunState& other) const;
    void step();
    int rounds_at_once_here();
    // Inlined into its callers: returned from a call, GCC builds the optional in memory and reads it
    // back wider than it wrote it, a load that waits for the store (perf: 30% of the function).
    [[gnu::always_inline]] inline std::optional<StopReason> close_round(int t);
    RunResult finish(StopReason reason);
    RunResult simulate();
};

// The network of the starting parameters, after the draws, checked, when the thread's last run had
// another key (the same key: the same parameters where the rows read them, the same rows, and the
// same check passed). With a key, the rows of the key's first run on any thread, which built and
// checked them (shared_rows: the same parameters where the rows and the check read them). Such a run
// has no edges of its own (assign_all_but_edges): its rows and their check read `start`'s, which are
// its own, as are the capabilities, saliences, self weights and stubbornness there (no draw or event
// of a run with a key sets one).
void RunState::start_network(RowsReuse reuse, const Params& start) {
    const std::uint64_t rows_key = reuse.key;
    RunBuffers& buffers = lease.get();
    buffers.rows_key = 0;
    buffers.kept.reset();
    if (!keep_rows) {
        check_scale(s, p, inputs, seed, 0);
        build_network();
        return;
    }
    // The thread's own rows, from a run without a key, are not needed beside the shared ones.
    if (rows.edges() != 0 || rows.actors() != 0) rows = InfluenceRows();
    bool built = false;
    const RowPathSetting setting = row_path_setting(path);
    // Runs that the runner pairs read packed rows (paired_rows_actors, run.hpp).
    const RowLayout layout = setting.layout == RowLayout::automatic && reuse.paired && runs_pair(s, reuse, path)
                                 ? RowLayout::packed
                                 : setting.layout;
    buffers.kept = shared_rows(rows_key, static_cast<int>(path), [&](InfluenceRows& shared) {
        check_scale(s, start, inputs, seed, 0);
        shared.build(s, start, layout, setting.range_slots);
        built = true;
    });
    if (built) ++rows_built;
    round_rows = buffers.kept.get();
    buffers.rows_key = rows_key;
    buffers.rows_path = path;
}

// The network of the current parameters, on the run's path.
void RunState::build_network() {
    if (path == RoundPath::reference) {
        network.emplace(s, p);
        return;
    }
    ++rows_built;
    const RowPathSetting setting = row_path_setting(path);
    rows.build(s, p, setting.layout, setting.range_slots);
}

// What an event's parameter can change: the decision inputs (decision_inputs_into reads the
// actors' capability, salience, reservation and veto: those of the actors set, and the sums),
// check_scale's sums (capabilities, self weights, influence weights) and the rows (rows_read).
// Events recompute only these (issue 13): the same doubles as recomputing everything, since what is
// not recomputed reads nothing that changed. Direct rows keep no stubbornness, and their shape
// changes only with the edges.
struct EventEffects {
    bool inputs = false, scale = false, rows = false;
    bool weights_only = true;  // every change of the rows is an influence weight (or a stubbornness)
    bool edges = false;        // some influence weight

    // The effects of two parameters together.
    EventEffects& operator|=(const EventEffects& o) {
        inputs = inputs || o.inputs;
        scale = scale || o.scale;
        rows = rows || o.rows;
        weights_only = weights_only && o.weights_only;
        edges = edges || o.edges;
        return *this;
    }
};

EventEffects effects_of(ParamKind kind) {
    using enum ParamKind;
    return {kind == capability || kind == salience || kind == reservation || kind == veto,
            kind == capability || kind == self_weight || kind == influence_weight, rows_read(kind),
            !rows_read(kind) || kind == influence_weight || kind == stubbornness, kind == influence_weight};
}

// Applies the events of `round` to the state of that round (docs/models.md section 10).
void RunState::apply_events(int round, Positions& state) {
    EventEffects effects;
    std::vector<int>& actors = lease.get().event_actors;
    std::vector<int>& row_actors = lease.get().row_actors;
    actors.clear();
    row_actors.clear();
    meeting_now = false;
    const std::size_t first = next_event;
    bool sets = false;  // some event of the round sets something
    for (; next_event < s.events.size() && s.events[next_event].round <= round; ++next_event) {
        meeting_now = meeting_now || s.events[next_event].meeting;
        sets = sets || !s.events[next_event].set.empty();
        for (const Assignment& a : s.events[next_event].set) {
            set_param(p, a.path, a.value, s);
            const EventEffects e = effects_of(a.path.kind);
            effects |= e;
            if (e.inputs) actors.push_back(a.path.actor);
            // A capability, salience or self weight: a parameter of one actor (refill reads the list).
            if (e.rows && !e.weights_only) row_actors.push_back(a.path.actor);
            if (a.path.kind == ParamKind::position) {
                const double v =
                    p.actors[static_cast<std::size_t>(a.path.actor)].position[static_cast<std::size_t>(a.path.issue)];
                state(a.path.actor, a.path.issue) = v;
                anchor(a.path.actor, a.path.issue) = v;
            }
        }
    }
    if (sets) shortfall = 0;  // the terms, utilities or reservations may jump (evaluate)
    // The reference path recomputes everything after any event that sets something: what the fast
    // path's selective recomputation is checked against (tests/unit/test_round_paths.cpp).
    if (path == RoundPath::reference && sets) effects = {true, true, true, false, true};
    if (path == RoundPath::reference && effects.inputs)
        decision_inputs_into(s, p, inputs);
    else if (effects.inputs)
        decision_inputs_of_actors_into(s, p, actors, inputs);
    // Kept rows: no event sets what they or check_scale read, and the check passed at round 0.
    if (keep_rows) return;
    if (effects.scale) check_scale(s, p, inputs, seed, round);
    if (!effects.rows) return;
    // Direct rows keep their shape when every edge set was kept and still is (refill_edge): then
    // refilled in place, only those edges when nothing else they read changed.
    if (path != RoundPath::reference && !rows.packed() && (!effects.edges || refill_weights(first)) &&
        (effects.weights_only || rows.refill(s, p, row_actors)))
        return;
    build_network();
}

// After events [first, next_event): the direct rows' weights of the edges they set recomputed in
// place; false when the rows change shape and must be built again. A false may come after some
// edges were rewritten: safe only because the caller then builds every weight again.
bool RunState::refill_weights(std::size_t first) {
    for (std::size_t e = first; e < next_event; ++e)
        for (const Assignment& a : s.events[e].set)
            if (a.path.kind == ParamKind::influence_weight && !rows.refill_edge(s, p, a.path.from, a.path.actor))
                return false;
    return true;
}

// One row of the trajectory: the positions, and at a decision the decision `d`.
void RunState::record_round(int round, const Positions& state, bool decision) {
    RoundRecord rec;
    rec.round = round;
    rec.positions = state;
    rec.decision = decision;
    if (decision) {
        rec.terms = d.terms;
        rec.accepting_share = d.accepting_share;
        rec.agreed = d.agreed;
        rec.proposer = d.proposer;
        rec.zopa = d.zopa;
        rec.zone = d.zone;
    }
    result.trajectory.push_back(std::move(rec));
}

// Judges a decision at `round` (every round, or the meetings); returns true when the run stops there.
bool RunState::evaluate(int round, const Positions& state) {
    const bool decides = !at_meetings || meeting_now;
    // The positions before anything is decided from them: a decision from a NaN fails with no name.
    check_finite(s, p, state, {}, seed, round, positions_finite);
    if (!decides) {
        if (record) record_round(round, state, false);
        result.rounds = round;
        return false;
    }
    // Under at-meetings a deal stands once made: later meetings only record.
    const bool deal_made = at_meetings && result.agreed;
    // A round that cannot agree is not judged (quick decisions only). The actor who rejected at the
    // last round judged fell short of its reservation by `shortfall`. Its utility moves by at most
    // twice a round's largest move: the weighted-mean terms and its own position each move by at
    // most that, and its utility weighs the distances between them by saliences that sum to 1
    // (docs/models.md sections 5, 6 and 7). So while the shortfall less those moves stays clear of
    // rounding, it still rejects. The run's last round is always judged: it is what the run reports.
    if (shortfall > 0 && !result.converged && round < p.rounds) {
        shortfall -= 2 * last_move;
        if (shortfall > rounding_reach) {
            result.rounds = round;
            return false;
        }
    }
    // Before a deal, a decision that the quick check finds does not hold is not decided in full: it
    // only becomes the final decision so far, whose needed actors finish() computes (needed_pending).
    // One that holds is decided in full, as is every decision after it (stop: end).
    double margin = 0;
    const bool quick_no_deal =
        quick && !result.agreed && decide_quick_into(s, p, inputs, state, d, first_judged, &margin) && !d.agreed;
    shortfall = quick_no_deal ? margin : 0;
    if (!quick_no_deal) decide_into(s, p, inputs, state, seed, round, record, d);
    check_finite(s, p, state, d.terms, seed, round, true);  // the terms (the positions are checked above)
    if (record) record_round(round, state, true);
    result.rounds = round;
    if (deal_made) return false;
    // result.terms, every-round: the latest proposal (the original model's terms).
    if (!result.agreed) {
        // The final decision: the deal once made (it stands), else the latest one judged.
        result.proposer = d.proposer;
        result.final_decision_round = round;
        if (!quick_no_deal) std::swap(final_needed, d.needed);
        needed_pending = quick_no_deal;
        result.final_offer_feasible = d.offer_feasible;
        deal_is_latest = true;
    } else if (deal_is_latest) {
        std::swap(deal_terms, latest_terms);  // the deal's terms, before latest_terms takes these
        deal_is_latest = false;
    }
    std::swap(latest_terms, d.terms);
    if (d.agreed && !result.agreement_round) {
        result.agreement_round = round;
        result.agreed = true;
    }
    return d.agreed && s.outcome.stop == StopRule::on_agreement;
}

// Computes round t + 1 from round t into `next` (close_round then makes it the run's).
void RunState::step() {
    if (expected_utility)
        expected_utility->step(p, x, next);
    else if (path == RoundPath::reference)
        step_dynamics(s, p, *network, x, anchor, next);
    else
        step_round(s, p, *round_rows, lease.get().records, x, anchor, next, coupled, kernel,
                   round_rows->packed() ? rounds_at_once_here() : 1);
}

// at_once, asked the first time (only packed rounds read it: far_prefetch).
int RunState::rounds_at_once_here() {
    if (at_once == 0) at_once = rounds_at_once();
    return at_once;
}

// Whether this run's round and `other`'s are one step_round_pair: the same shared rows, on a path
// and with a kernel that step_round would have given the pair's round (round_pairs).
bool RunState::pairs_with(const RunState& other) const {
    return path == other.path && path != RoundPath::reference && !expected_utility && !other.expected_utility &&
           round_rows == other.round_rows && round_pairs(s, *round_rows, kernel);
}

// Round t after step(): its events, moved(t) (the largest move of a position, docs/models.md
// section 5), convergence and the decision; the reason the run stops there, if it does.
std::optional<StopReason> RunState::close_round(int t) {
    apply_events(t, next);
    const double moved = largest_move(next, x, positions_finite);
    x.swap(next);
    last_move = moved;
    // An event at round t changes the system (a weight, an anchor), so round t itself cannot
    // show that the dynamics have settled: convergence counts only after the last event.
    // Convergence is judged on the update T(x) - x, so the move of a position is step times that
    // (tolerance and step as of this round: an event may change them).
    const double settled = p.step == 1 ? p.tolerance : p.step * p.tolerance;
    result.converged = moved <= settled && t > last_event_round;
    if (evaluate(t, x)) return StopReason::agreed;
    // Under at-meetings the last meeting is the deadline, and convergence never ends a run
    // before it (the parties still meet).
    if (at_meetings) {
        if (t >= last_meeting) return result.agreed ? StopReason::agreed : StopReason::round_limit;
        return std::nullopt;
    }
    if (result.converged) return StopReason::converged;
    return std::nullopt;
}

// The outcome of the run on each issue: the deal, or the status quo (docs/models.md section 16.4).
RunResult RunState::finish(StopReason reason) {
    result.stop = reason;
    if (!result.final_decision_round) {
        // No meeting fell within this run's rounds (a draw shortened it): nothing was decided;
        // the terms are those the rule would put on the table at the end.
        decide_into(s, p, inputs, x, seed, result.rounds, false, d);
        result.terms = d.terms;
        result.proposer = d.proposer;  // under `rule: setter`, whose stance or offer these terms are
    } else {
        if (needed_pending) {
            // The final decision was the last round judged (every round): its positions are `x`.
            decide_into(s, p, inputs, x, seed, *result.final_decision_round, false, d);
            std::swap(final_needed, d.needed);
        }
        // A setter that found no offer at the final decision of a failed run: whether a deal existed all
        // the same. Known when the run stopped at that decision (its last round judged, or its last
        // meeting), whose positions and parameters are then `x` and `p`: not when an event changed
        // model.rounds after it and the run went on.
        if (want_zone && !result.agreed && !result.final_offer_feasible && s.outcome.rule == TermsRule::setter &&
            result.rounds == *result.final_decision_round)
            result.final_zone = zone_exists_at(p, x, final_needed, latest_terms);
        result.terms = latest_terms;
        result.final_needed.assign(final_needed.begin(), final_needed.end());
    }
    if (result.agreed)
        result.outcome = deal_is_latest ? latest_terms : deal_terms;
    else if (s.has_status_quo())
        result.outcome = p.status_quo;
    return std::move(result);
}

// Round 0 of docs/models.md section 9 (and 16.3 under at-meetings): its events and decision; the
// reason the run stops there, if it does.
std::optional<StopReason> RunState::open() {
    apply_events(0, x);
    if (s.model.dynamics == Dynamics::expected_utility) expected_utility.emplace(s, x);
    if (evaluate(0, x)) return StopReason::agreed;
    if (at_meetings && last_meeting == 0) return result.agreed ? StopReason::agreed : StopReason::round_limit;
    // Without a meeting within its rounds, a run moves stances to its last round and decides nothing.
    if (at_meetings && last_meeting < 0) last_meeting = p.rounds;
    return std::nullopt;
}

// The rounds of docs/models.md section 9 (and 16.3 under at-meetings).
RunResult RunState::simulate() {
    if (const auto stop = open()) return finish(*stop);
    for (int t = 1; t <= p.rounds; ++t) {  // an event may change model.rounds
        step();
        if (const auto stop = close_round(t)) return finish(*stop);
    }
    return finish(StopReason::round_limit);
}

}  // namespace

RunResult simulate_run(const Scenario& s, const Params& start, const std::vector<Uncertain>& draws, std::uint64_t seed,
                       bool record, RoundPath path, RowsReuse reuse, DecisionPath decisions, bool final_zone) {
    RunState run(s, start, draws, seed, record, path, reuse, decisions, final_zone);
    return run.simulate();
}

std::array<RunResult, 2> simulate_run_pair(const Scenario& s, const Params& start, const std::vector<Uncertain>& draws,
                                           std::array<std::uint64_t, 2> seeds, std::array<bool, 2> record,
                                           RoundPath path, RowsReuse reuse, DecisionPath decisions, bool final_zone) {
    RunState a(s, start, draws, seeds[0], record[0], path, reuse, decisions, final_zone);
    RunState b(s, start, draws, seeds[1], record[1], path, reuse, decisions, final_zone);
    std::array<RunState*, 2> run{&a, &b};
    std::array<std::optional<StopReason>, 2> stop{a.open(), b.open()};
    // simulate()'s loop for both runs, round by round: each run's round t while t is within its
    // rounds (an event may change them) and it has not stopped; the two rounds in one step when both run.
    for (int t = 1; !stop[0] || !stop[1]; ++t) {
        std::array<bool, 2> on{};
        for (int i = 0; i < 2; ++i) {
            if (!stop[i] && t > run[i]->p.rounds) stop[i] = StopReason::round_limit;
            on[i] = !stop[i];
        }
        if (on[0] && on[1] && a.pairs_with(b)) {
            step_round_pair(s, *a.round_rows, a.lease.get().records, {a.p, a.x, a.anchor, a.next},
                            {b.p, b.x, b.anchor, b.next}, a.rounds_at_once_here());
            rounds_paired.fetch_add(1, std::memory_order_relaxed);
        } else {
            for (int i = 0; i < 2; ++i)
                if (on[i]) run[i]->step();
        }
        for (int i = 0; i < 2; ++i)
            if (on[i]) stop[i] = run[i]->close_round(t);
    }
    return {a.finish(*stop[0]), b.finish(*stop[1])};
}

bool runs_pair(const Scenario& s, RowsReuse reuse, RoundPath path) {
    if (!pairs_allowed.load() || reuse.key == 0 || s.model.dynamics == Dynamics::expected_utility ||
        s.model.coupling || !avx_available())
        return false;
    if (s.issue_count() != 3 && s.issue_count() != 4) return false;
    // The path's rows and kernel as a run asks for them: packed in actor order (automatic packs from
    // packed_rows_actors), one source range, not the scalar kernel (round_pairs).
    const RowPathSetting setting = row_path_setting(path);
    if (path == RoundPath::reference || setting.kernel == RoundKernel::scalar || setting.range_slots != 0) return false;
    return setting.layout == RowLayout::packed ||
           (setting.layout == RowLayout::automatic && static_cast<long>(s.actors.size()) >= paired_rows_actors);
}

bool runs_pair(const Scenario& s, const std::vector<Uncertain>& draws) {
    return runs_pair(s, RowsReuse{rows_vary(s, draws) ? 0U : 1U}, RoundPath::fast);
}

long rows_built_on_this_thread() { return rows_built; }

long paired_rounds() { return rounds_paired.load(); }

void allow_run_pairs(bool allowed) { pairs_allowed = allowed; }

RunResult simulate_run(const Scenario& s, const Params& start, std::uint64_t seed, bool record) {
    return simulate_run(s, start, s.uncertainty, seed, record);
}

}  // namespace accord
