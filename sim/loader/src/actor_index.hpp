// The loader's index of actors by id is the Scenario's own (accord/actor_id_index.hpp): the builder
// fills it as it reads the actors and hands a copy to the Scenario once the edges are read.
#pragma once

#include "accord/actor_id_index.hpp"
#include "accord/scenario.hpp"

namespace accord::detail {

using ActorIndex = ActorIdIndex;

}  // namespace accord::detail
