// Where a sweep starts in its directory: afresh, continuing an interrupted sweep (--resume), or
// nowhere because the same sweep is already finished; and the refusals of --resume and --force
// (docs/sweeps.md).
#pragma once

#include <filesystem>
#include <string>

#include "accord/sweep.hpp"

namespace accord {

// The text of the state file (.accord-sweep) of an unfinished sweep: what --resume must find
// again. `design` is the design's name, `points` the points of the whole sweep.
std::string sweep_state_text(const std::string& design, const SweepOptions& options, long points);

struct SweepStart {
    enum class Kind {
        fresh,       // nothing to keep: the directory now holds only the state file
        continuing,  // the journals hold `points_done` points of an interrupted sweep (cut to them)
        finished,    // --resume of the same sweep, already finished: nothing to do
    };
    Kind kind = Kind::fresh;
    long points_done = 0;
};

// The expected first lines of the journals (runs.csv.partial, points.csv.partial); empty: not checked.
struct JournalHeaders {
    std::string runs;
    std::string points;
};

// One line of the block file (.accord-sweep-blocks): after each block both journals hold, the
// byte lengths they have then and the SHA-256 of the bytes the block added to each. --resume
// trusts only the bytes these records vouch for.
std::string journal_block_record(long runs_end, long points_end, const std::string& runs_added,
                                 const std::string& points_added);

// Decides from the directory and --resume/--force where the sweep starts, and prepares the
// directory for it. Throws SweepUsageError when the directory holds results the options do not
// allow replacing or resuming, or journals that fail their checks (header, the exact (point,
// replication) sequence of this shard, the checksum of every block).
SweepStart start_sweep(const SweepOptions& options, const std::string& state, const JournalHeaders& headers = {});

}  // namespace accord
