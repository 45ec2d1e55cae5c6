#include "accord/rows_reuse.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <utility>

#include <tbb/collaborative_call_once.h>

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

namespace {

struct SharedEntry {
    tbb::collaborative_once_flag built;
    InfluenceRows rows;
};

// The entries of the keys some run still holds, by key and path: weak, so an entry goes when its
// last holder lets it go, and pruned of those whenever an entry is added (a few keys are alive at
// once: a thread holds the rows of its last run).
std::mutex registry_mutex;
std::map<std::pair<std::uint64_t, int>, std::weak_ptr<SharedEntry>> registry;

}  // namespace

std::shared_ptr<const InfluenceRows> shared_rows(std::uint64_t key, int path,
                                                 const std::function<void(InfluenceRows&)>& build) {
    std::shared_ptr<SharedEntry> entry;
    {
        const std::lock_guard<std::mutex> lock(registry_mutex);
        std::weak_ptr<SharedEntry>& slot = registry[{key, path}];
        entry = slot.lock();
        if (!entry) {
            std::erase_if(registry, [](const auto& kept) { return kept.second.expired(); });
            entry = std::make_shared<SharedEntry>();
            registry[{key, path}] = entry;
        }
    }
    tbb::collaborative_call_once(entry->built, [&] { build(entry->rows); });
    return {entry, &entry->rows};
}

}  // namespace accord
