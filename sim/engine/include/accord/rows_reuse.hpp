// When the runs of one starting point may keep their influence rows from one run to the next
// (docs/performance.md "### Rows built once per thread"). The rows (influence_rows.hpp) and the
// check of their sums at the start of a run (check_scale, run.cpp) read only the edges' weights and
// the actors' capabilities, saliences, self weights and stubbornness. When no draw and no event
// `set` can change one of these, every run from the same starting parameters builds the same rows
// and passes (or fails) the same check: a thread then builds them once, in its first run, and its
// later runs from the same start use them as they are.
#pragma once

#include <cstdint>
#include <vector>

#include "accord/scenario.hpp"

namespace accord {

// Whether a parameter of this kind is read by the influence rows or by check_scale.
bool rows_read(ParamKind kind);

// Whether some draw of `draws` or some event of the scenario sets a parameter the rows read.
bool rows_vary(const Scenario& scenario, const std::vector<Uncertain>& draws);

// What a run needs to keep its thread's rows: a key naming one starting point of one run plan,
// new for every call of `for_start` (never reused in a process, so rows kept for a start that no
// longer exists are never taken for another one), or 0 when the rows vary from run to run.
struct RowsReuse {
    std::uint64_t key = 0;

    // A key for the runs from one starting point with `draws`, or 0 when the rows vary.
    static RowsReuse for_start(const Scenario& scenario, const std::vector<Uncertain>& draws);
};

}  // namespace accord
