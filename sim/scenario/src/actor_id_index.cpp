#include "accord/actor_id_index.hpp"

#include <cstring>
#include <functional>
#include <stdexcept>

#include "accord/huge_pages.hpp"
#include "accord/scenario.hpp"

namespace accord {

namespace {

std::uint64_t hash_of(std::string_view id) {
    return std::hash<std::string_view>{}(id);
}

}  // namespace

ActorIdIndex::ActorIdIndex(const std::vector<Actor>& actors) {
    reserve(actors.size());
    for (const Actor& a : actors) insert(a.id);
}

ActorIdIndex::Slot ActorIdIndex::slot_of(std::string_view id) {
    Slot s;
    std::memcpy(s.key, id.data(), std::min(id.size(), inline_bytes));
    s.length = static_cast<std::uint8_t>(std::min<std::size_t>(id.size(), 255));
    return s;
}

void ActorIdIndex::reserve(std::size_t ids) {
    std::size_t size = 16;
    while (size < 2 * ids) size *= 2;  // at most half full: short probe sequences
    if (size > slots_.size()) grow(size);
    starts_.reserve(ids + 1);
}

void ActorIdIndex::grow(std::size_t slots) {
    std::vector<Slot> fresh;
    fresh.reserve(slots);
    detail::advise_huge_pages(fresh.data(), slots * sizeof(Slot));  // before the first write
    fresh.resize(slots);
    slots_ = std::move(fresh);
    mask_ = slots - 1;
    for (std::size_t i = 0; i + 1 < starts_.size(); ++i) {
        const std::string_view id = id_at(i);
        Slot s = slot_of(id);
        s.index = static_cast<std::uint32_t>(i + 1);
        slots_[probe(id, s)] = s;
    }
}

std::size_t ActorIdIndex::probe(std::string_view id, const Slot& key) const {
    for (std::uint64_t at = hash_of(id) & mask_;; at = (at + 1) & mask_) {
        const Slot& s = slots_[at];
        if (s.index == 0) return at;
        if (s.length == key.length && std::memcmp(s.key, key.key, inline_bytes) == 0 &&
            (id.size() <= inline_bytes || id_at(s.index - 1) == id))
            return at;
    }
}

int ActorIdIndex::insert(std::string_view id) {
    if (2 * (size() + 1) > slots_.size()) grow(std::max<std::size_t>(16, 2 * slots_.size()));
    Slot key = slot_of(id);
    const std::size_t at = probe(id, key);
    if (slots_[at].index != 0) return static_cast<int>(slots_[at].index - 1);
    if (bytes_.size() + id.size() > UINT32_MAX || size() >= INT32_MAX)
        throw std::length_error("more actor ids than an actor index holds");
    key.index = static_cast<std::uint32_t>(size() + 1);
    slots_[at] = key;
    bytes_.append(id);
    starts_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    return -1;
}

void ActorIdIndex::prefetch(std::string_view id) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash_of(id) & mask_]);
}

int ActorIdIndex::find(std::string_view id) const {
    if (slots_.empty()) return -1;
    const std::size_t at = probe(id, slot_of(id));
    return static_cast<int>(slots_[at].index) - 1;
}

}  // namespace accord
