// Each actor's index by id, for the edges of a table: ten million lookups among a million actors.
// Open addressing over one flat array rather than std::unordered_map, whose lookups follow two
// pointers (the bucket's previous node, then the node): a cache miss fewer per lookup.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "accord/scenario.hpp"

namespace accord::detail {

class ActorIndex {
public:
    explicit ActorIndex(const std::vector<Actor>& actors);
    // The index of the actor with this id, -1 when none has it.
    int find(std::string_view id) const;

private:
    const std::vector<Actor>& actors_;
    std::vector<std::uint64_t> slots_;  // the id's hash in the high 32 bits, index + 1 in the low; 0: empty
    std::uint64_t mask_ = 0;
};

}  // namespace accord::detail
