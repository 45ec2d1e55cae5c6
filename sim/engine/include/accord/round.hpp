// The fast round of stance dynamics (docs/models.md section 3) on compressed sparse rows: the same
// operations in the same order as step_dynamics (dynamics.hpp, the straightforward reference), no
// allocation, and the targets of a big network split across threads. Each target's sums run over
// its sources in increasing actor order whatever the split, so the bytes never depend on it.
#pragma once

#include <cstdint>

#include "accord/dynamics.hpp"
#include "accord/influence_rows.hpp"
#include "accord/packed_records.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Below this many edges and positions a round runs on the calling thread (small runs are spread
// across threads a run at a time by the runner instead).
inline constexpr long parallel_round_work = 1L << 14;
// The targets one task of a split round takes at least.
inline constexpr int parallel_round_grain = 256;

// From this many bytes of packed records (8 MiB: 262,144 actors at three issues without coupling,
// 131,072 with it, whose records also hold x) a round asks for each coming source's record 64 edges
// ahead into the second-level cache (prefetcht1) instead of 24 edges ahead into every level: far
// more gathers are then in flight at once, which a round whose records leave the caches waits on
// (docs/performance.md "### Gathers asked for further ahead"). The bytes are those of every round
// computed at once, which share the last-level cache: on two threads two pairs of runs of 100,000
// actors gather from 12.8 MB (docs/performance.md "### Far gathers counted over the threads").
inline constexpr std::int64_t far_prefetch_bytes = std::int64_t{1} << 23;

// How many rounds this process may compute at once: its threads, the limit of tbb::global_control
// (accord's --threads) within the task arena's concurrency. A round split across threads counts once
// per thread: an overestimate, which asks far ahead a little early. It takes TBB's locks (8 to 37 ns
// a call): a run asks once and passes it to every round.
int rounds_at_once();

// Whether a packed round asks for its sources' records far ahead: when `at_once` rounds (rounds_at_once)
// with records the size of `records` (as packed for this round) hold far_prefetch_bytes or more.
bool far_prefetch(const PackedRecords& records, int at_once);

// How the round (rows read in place or packed, three or four issues) adds an edge's terms and
// settles a target: `automatic` takes `avx`
// when the processor has it, else `scalar`; `avx` adds the issues of an edge in one 4-wide
// instruction each (never a fused multiply-add), `scalar` one issue at a time. Both give the same
// bits: each (target, issue) sum adds the same terms in the same order (docs/performance.md "## The
// round"). Forcing `avx` where the processor lacks it falls back to `scalar`.
enum class RoundKernel { automatic, scalar, avx };

// Whether this processor runs the `avx` kernel.
bool avx_available();

// Computes round t+1 from round t into `next` (sized like `x`), as step_dynamics does. `coupled`
// holds X C^T when the model couples issues (sized here once, then reused). The round only reads
// `rows`; packed rows' records are packed into `records`, the caller's (one per thread at a time).
// `at_once`: the rounds computed at the same time as this one (rounds_at_once, far_prefetch), 1 for
// a round alone; it changes only how far ahead the round asks for its records, never a value.
void step_round(const Scenario& scenario, const Params& params, const InfluenceRows& rows, PackedRecords& records,
                const Positions& x, const Positions& anchor, Positions& next, Positions& coupled,
                RoundKernel kernel = RoundKernel::automatic, int at_once = 1);

// One of two runs whose rounds step_round_pair computes together: its parameters (the step and the
// radius of bounded confidence), positions, anchors and the positions it computes.
struct PairedRound {
    const Params& params;
    const Positions& x;
    const Positions& anchor;
    Positions& next;
};

// Whether step_round_pair computes rounds on `rows` with `kernel`: packed rows in actor order with
// one source range, three or four issues, no coupling, and the AVX kernel.
bool round_pairs(const Scenario& scenario, const InfluenceRows& rows, RoundKernel kernel);

// The rounds of two runs on the same rows (round_pairs), each the same bits as step_round's: the
// records hold both runs' positions side by side, one 64-byte line per source, so that each edge's
// weights and its source's line are read once for both runs (docs/performance.md "### Two runs
// in one round").
// `at_once` as for step_round.
void step_round_pair(const Scenario& scenario, const InfluenceRows& rows, PackedRecords& records, const PairedRound& a,
                     const PairedRound& b, int at_once = 1);

}  // namespace accord
