// When the runs of one starting point may keep their influence rows from one run to the next
// (docs/performance.md "### Rows built once per thread"). The rows (influence_rows.hpp) and the
// check of their sums at the start of a run (check_scale, run.cpp) read only the edges' weights and
// the actors' capabilities, saliences, self weights and stubbornness. When no draw and no event
// `set` can change one of these, every run from the same starting parameters builds the same rows
// and passes (or fails) the same check: the first run of the start builds them once, and every later
// run from the same start, on any thread, reads them as they are (docs/performance.md "### Rows
// shared by threads").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "accord/influence_rows.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Whether a parameter of this kind is read by the influence rows or by check_scale.
bool rows_read(ParamKind kind);

// Whether some draw of `draws` or some event of the scenario sets a parameter the rows read.
bool rows_vary(const Scenario& scenario, const std::vector<Uncertain>& draws);

// What a run needs to share the rows of its start: a key naming one starting point of one run plan,
// new for every call of `for_start` (never reused in a process, so rows kept for a start that no
// longer exists are never taken for another one), or 0 when the rows vary from run to run. A run of
// a key also trusts its thread's parameters, anchors and decision inputs as the last run of the key
// left them (run.cpp, restore_set_actors): a key goes with one scenario, one unchanged start (every
// field, not only what the rows read) and one list of draws.
struct RowsReuse {
    std::uint64_t key = 0;
    // Whether the runner computes the key's runs two at a time where they pair (runs_pair, run.hpp:
    // more than one run of the key together): the fast path then packs the key's rows from
    // paired_rows_actors actors, where runs computed one at a time read small networks' rows in
    // place. The same for every run of a key: its rows are built once, by whichever run comes first.
    bool paired = false;

    // A key for the runs from one starting point with `draws`, or 0 when the rows vary.
    static RowsReuse for_start(const Scenario& scenario, const std::vector<Uncertain>& draws);
};

// The rows of the runs of `key` (RowsReuse, not 0) on one path of the round (`path`, a RoundPath as
// an int), built once by `build` and only read after: the first run to ask builds them while the
// runs of other threads that ask for the same key wait for it (oneTBB's collaborative_call_once,
// whose waiting threads run no other task meanwhile); later runs get the same object. The rows live
// as long as some run or thread holds them, so the memory is that of the keys still in use. When
// `build` throws (the start fails check_scale), nothing is kept and the exception reaches the
// caller; the next run of the key builds again, and fails with its own seed's message.
std::shared_ptr<const InfluenceRows> shared_rows(std::uint64_t key, int path,
                                                 const std::function<void(InfluenceRows&)>& build);

}  // namespace accord
