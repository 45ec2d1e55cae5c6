// SHA-256 (FIPS 180-4), for the scenario hash recorded in manifest.json.
#pragma once

#include <string>

namespace accord {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(const std::string& bytes);

}  // namespace accord
