// Helpers shared by the tests: scenarios from inline YAML, and paths of the project's files.
#pragma once

#include <string>

#include "accord/scenario.hpp"

namespace accord::test {

// Writes `yaml` to a temporary file and loads it (throws InputError like load_scenario).
Scenario scenario_from_text(const std::string& yaml);
// The path of a file of the source tree, e.g. "tests/data/fj1999_a.yaml".
std::string source_path(const std::string& relative);
// Every message of an InputError thrown while loading `yaml`, joined by newlines ("" if it loads).
std::string load_errors(const std::string& yaml);

}  // namespace accord::test
