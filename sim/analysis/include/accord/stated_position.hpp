// The position an actor states on one DEU issue, looked up by its id (the Commission "com", the
// Parliament "ep", a member state), for the models of the field and the choice model.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace accord {

// position[a] for the first a with id[a] == actor; none when the actor states no position. The two
// vectors have one size.
std::optional<double> stated_position(const std::vector<std::string>& id, const std::vector<double>& position,
                                      const std::string& actor);

}  // namespace accord
