#include "accord/rows_reuse.hpp"

#include <atomic>

namespace accord {

bool rows_read(ParamKind kind) {
    switch (kind) {
        case ParamKind::capability:        // influence_factor; check_scale's sums
        case ParamKind::salience:          // influence_factor under capability-salience weighting
        case ParamKind::self_weight:       // the rows' own weights; check_scale
        case ParamKind::influence_weight:  // the edges
        case ParamKind::stubbornness:      // packed rows keep it per slot
            return true;
        case ParamKind::reservation:
        case ParamKind::veto:
        case ParamKind::position:
        case ParamKind::confidence:
        case ParamKind::tolerance:
        case ParamKind::rounds:
        case ParamKind::threshold:
        case ParamKind::step:
        case ParamKind::temperature:
        case ParamKind::margin:
        case ParamKind::status_quo:
            return false;
    }
    return true;
}

bool rows_vary(const Scenario& s, const std::vector<Uncertain>& draws) {
    for (const Uncertain& u : draws)
        if (rows_read(u.path.kind)) return true;
    for (const Event& e : s.events)
        for (const Assignment& a : e.set)
            if (rows_read(a.path.kind)) return true;
    return false;
}

RowsReuse RowsReuse::for_start(const Scenario& s, const std::vector<Uncertain>& draws) {
    static std::atomic<std::uint64_t> last{0};
    RowsReuse reuse;
    if (!rows_vary(s, draws)) reuse.key = ++last;
    return reuse;
}

}  // namespace accord
