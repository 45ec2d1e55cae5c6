// Runs of a batch computed on one thread two at a time where two runs can share their rounds
// (simulate_run_pair, run.hpp: one pass over a big network's rows for both), else one at a time.
// The results are each run's own either way; so are the errors, which a pair leaves to its first
// run computed again alone.
#pragma once

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace accord::detail {

// Runs [begin, end) in order: `one(i)` computes run i alone; `two(i)` computes runs i and i + 1
// together and returns true, or returns false having computed nothing (they cannot be paired), and
// throws on any error. After a false or a throw run i is computed alone (`one` fails, or not, as run
// i would have; a throw from `one` ends the loop, as a caller's error does) and i + 1 is paired anew.
template <class One, class Two>
void runs_in_pairs(long begin, long end, bool pairs, One&& one, Two&& two) {
    for (long i = begin; i < end;) {
        bool done = false;
        if (pairs && i + 1 < end) {
            try {
                done = two(i);
            } catch (...) {
            }
        }
        if (done) {
            i += 2;
            continue;
        }
        one(i);
        ++i;
    }
}

// Runs [0, count) across threads (tbb::parallel_for), each range in order by runs_in_pairs. With
// `pairs`, ranges of whole pairs (runs 2q and 2q + 1): a range of one run each, which parallel_for
// makes of a few runs, would pair none.
template <class One, class Two>
void parallel_runs_in_pairs(long count, bool pairs, One&& one, Two&& two) {
    const long unit = pairs ? 2 : 1;
    tbb::parallel_for(tbb::blocked_range<long>(0, (count + unit - 1) / unit), [&](const tbb::blocked_range<long>& r) {
        runs_in_pairs(r.begin() * unit, std::min(r.end() * unit, count), pairs, one, two);
    });
}

}  // namespace accord::detail
