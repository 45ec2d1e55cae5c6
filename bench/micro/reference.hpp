// The frozen reference scenario of the benchmarks (bench/reference_scenario/FROZEN.md).
#pragma once

#include <string>

namespace accord::bench {

inline std::string reference_path() {
    return std::string(ACCORD_SOURCE_DIR) + "/bench/reference_scenario/nato_russia_council_2002.yaml";
}

}  // namespace accord::bench
