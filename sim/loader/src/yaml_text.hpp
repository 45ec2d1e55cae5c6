// Checks on the raw text of a YAML file before yaml-cpp parses it, and parsing with messages a
// user can act on. yaml-cpp recurses once per level of nesting (deep input could exhaust the
// stack), accepts invalid UTF-8, ignores documents after the first, and reports an unclosed
// bracket or quote where it gave up rather than where it began: these functions cover each.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "accord/diagnostics.hpp"

namespace accord::detail {

// Parses `text` (the bytes of `file`) as one YAML document; throws InputError with every problem
// found, located at file:line:col.
YAML::Node parse_yaml(const std::string& file, const std::string& text, int max_nesting);

}  // namespace accord::detail
