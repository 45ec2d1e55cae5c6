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

// Decides from the directory and --resume/--force where the sweep starts, and prepares the
// directory for it. Throws SweepUsageError when the directory holds results the options do not
// allow replacing or resuming.
SweepStart start_sweep(const SweepOptions& options, const std::string& state);

}  // namespace accord
