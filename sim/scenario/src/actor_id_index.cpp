#include "accord/actor_id_index.hpp"

#include <functional>

#include "accord/scenario.hpp"

namespace accord {

namespace {

std::uint64_t hash_of(std::string_view id) {
    return std::hash<std::string_view>{}(id);
}

}  // namespace

ActorIdIndex::ActorIdIndex(const std::vector<Actor>& actors) : size_(actors.size()) {
    std::size_t size = 16;
    while (size < 2 * actors.size()) size *= 2;  // at most half full: short probe sequences
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (std::size_t i = 0; i < actors.size(); ++i) {
        const std::uint64_t h = hash_of(actors[i].id);
        std::uint64_t at = h & mask_;
        while (slots_[at] != 0) at = (at + 1) & mask_;
        slots_[at] = (h >> 32 << 32) | (i + 1);
    }
}

int ActorIdIndex::find(std::string_view id, const std::vector<Actor>& actors) const {
    if (slots_.empty()) return -1;
    const std::uint64_t h = hash_of(id);
    const std::uint64_t tag = h >> 32;
    for (std::uint64_t at = h & mask_;; at = (at + 1) & mask_) {
        const std::uint64_t slot = slots_[at];
        if (slot == 0) return -1;
        if (slot >> 32 != tag) continue;
        const std::size_t i = (slot & 0xffffffffu) - 1;
        if (actors[i].id == id) return static_cast<int>(i);
    }
}

}  // namespace accord
