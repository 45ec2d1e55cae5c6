// Each actor's index by id while the loader reads the edges and ratifiers: the Scenario's own
// ActorIdIndex (accord/actor_id_index.hpp) over the actors read so far, with the actors it was built from.
#pragma once

#include <string_view>
#include <vector>

#include "accord/actor_id_index.hpp"
#include "accord/scenario.hpp"

namespace accord::detail {

class ActorIndex {
public:
    explicit ActorIndex(const std::vector<Actor>& actors) : actors_(actors), ids_(actors) {}
    // The index of the actor with this id, -1 when none has it.
    int find(std::string_view id) const { return ids_.find(id, actors_); }

private:
    const std::vector<Actor>& actors_;
    ActorIdIndex ids_;
};

}  // namespace accord::detail
