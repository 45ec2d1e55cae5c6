#include "accord/stated_position.hpp"

namespace accord {

std::optional<double> stated_position(const std::vector<std::string>& id, const std::vector<double>& position,
                                      const std::string& actor) {
    for (std::size_t a = 0; a < id.size(); ++a)
        if (id[a] == actor) return position[a];
    return std::nullopt;
}

}  // namespace accord
