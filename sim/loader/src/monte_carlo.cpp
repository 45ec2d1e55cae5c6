// The `monte_carlo:` section: the number of runs and the seed.

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_monte_carlo(const YAML::Node& node) {
    if (!r_.check_map(node, "monte_carlo", {"runs", "seed"})) return;
    if (node["runs"])
        set_if_read(s_.runs, r_.integer(node["runs"], "monte_carlo.runs", 1, limits_.max_runs));
    if (node["seed"]) {
        const YAML::Node& seed = node["seed"];
        unsigned long long value = 0;
        // yaml-cpp reads 010 as octal and 0x10 as hexadecimal (YAML 1.1): a seed is plain decimal.
        const std::string& text = seed.IsScalar() ? seed.Scalar() : std::string();
        const bool decimal = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
                             (text.size() == 1 || text[0] != '0');
        if (!seed.IsScalar() || seed.Tag() == "!" || !YAML::convert<unsigned long long>::decode(seed, value) ||
            text.find('-') != std::string::npos)
            r_.error(r_.at(seed),
                     fmt::format("monte_carlo.seed must be a whole number >= 0, found {}", YamlReader::describe(seed)));
        else if (!decimal)
            r_.error(r_.at(seed), fmt::format("monte_carlo.seed must be a whole number written in decimal without "
                                              "leading zeros, found {}",
                                              YamlReader::describe(seed)));
        else
            s_.seed = value;
    }
}

}  // namespace accord::detail
