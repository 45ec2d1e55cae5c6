// Each actor's index by id: ten million lookups among a million actors (the edges of a table, the
// parameter paths of --set, sweeps and uncertainty). Open addressing over one flat array rather than
// std::unordered_map, whose lookups follow two pointers (the bucket's previous node, then the node): a
// cache miss fewer per lookup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace accord {

struct Actor;

// Holds no reference to the actors, so that a Scenario holding one can be copied and moved: each
// lookup is given the actors it was built from.
class ActorIdIndex {
public:
    ActorIdIndex() = default;  // indexes nothing: find() returns -1
    explicit ActorIdIndex(const std::vector<Actor>& actors);
    // The index in `actors` (those it was built from) of the first actor with this id, -1 when none has it.
    int find(std::string_view id, const std::vector<Actor>& actors) const;
    bool built() const { return !slots_.empty(); }
    std::size_t size() const { return size_; }  // the number of actors indexed

private:
    std::vector<std::uint64_t> slots_;  // the id's hash in the high 32 bits, index + 1 in the low; 0: empty
    std::uint64_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace accord
