// Each actor's index by id: the loader's duplicate check of a million actors, ten million lookups of
// the edges of a table, and the Scenario's lookups of parameter paths (--set, sweeps, uncertainty).
// Open addressing over one flat array of 16-byte slots rather than std::unordered_map, whose lookups
// follow two pointers (the bucket's previous node, then the node): an id of up to 11 bytes is kept in
// its slot, so a lookup reads one cache line and no actor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

struct Actor;

class ActorIdIndex {
public:
    ActorIdIndex() = default;
    // The actors' ids, actor i at index i (a repeated id keeps its first index).
    explicit ActorIdIndex(const std::vector<Actor>& actors);
    // Room for `ids` ids without growing.
    void reserve(std::size_t ids);
    // Gives `id` the next index, size(), and returns -1; or, when it has one already, returns it.
    int insert(std::string_view id);
    // The index of this id, -1 when none has it.
    int find(std::string_view id) const;
    // Starts reading the memory find(id) will read: a batch of lookups then waits for memory once.
    void prefetch(std::string_view id) const;
    std::size_t size() const { return starts_.size() - 1; }
    bool built() const { return !slots_.empty(); }  // something was inserted or reserved

private:
    static constexpr std::size_t inline_bytes = 11;
    struct Slot {
        char key[inline_bytes] = {};  // the id, zero-padded; its first 11 bytes when longer
        std::uint8_t length = 0;      // the id's length, at most 255
        std::uint32_t index = 0;      // the index + 1; 0: the slot is empty
    };
    static Slot slot_of(std::string_view id);
    std::string_view id_at(std::size_t i) const { return {bytes_.data() + starts_[i], starts_[i + 1] - starts_[i]}; }
    // The slot holding `id`, or the empty slot where it belongs.
    std::size_t probe(std::string_view id, const Slot& key) const;
    void grow(std::size_t slots);

    std::vector<Slot> slots_;
    std::uint64_t mask_ = 0;
    std::string bytes_;                       // every id, end to end, in index order
    std::vector<std::uint32_t> starts_{0};    // id i is bytes_[starts_[i], starts_[i + 1])
};

}  // namespace accord
