// Helpers shared by the tests: scenarios from inline YAML, paths of the project's files, and
// bitwise comparison of numbers.
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "accord/scenario.hpp"

namespace accord::test {

// Writes `yaml` to a temporary file and loads it (throws InputError like load_scenario).
Scenario scenario_from_text(const std::string& yaml);
// The path of a file of the source tree, e.g. "tests/data/fj1999_a.yaml".
std::string source_path(const std::string& relative);
// The scenarios a test runs everything on, in file order: every .yaml under scenarios/ and those directly in
// tests/data/ and tests/data/legacy/ that load (tests/data also holds files the loader refuses on purpose).
std::vector<Scenario> shipped_scenarios();
// Every message of an InputError thrown while loading `yaml`, joined by newlines ("" if it loads).
std::string load_errors(const std::string& yaml);

// A ring of `actors` actors where each listens to ten others (i+1, i+7, i+31, ...), three issues: big
// enough that step_round splits its targets across threads.
// `model` (YAML text) ends the file.
std::string sparse_ring_yaml(int actors, const std::string& model);

// A small scenario's YAML from its parts: the issue ids, one actor a line (what goes between the braces of
// its flow map, e.g. "id: A, capability: 3, positions: {x: 10}"), the influence edges as "from->to weight"
// separated by commas (e.g. "B->A 0.5, C->A 0.2") and `rest` (model, outcome, events, uncertainty) at the end.
std::string small_scenario_yaml(const std::vector<std::string>& issues, const std::vector<std::string>& actors,
                                const std::string& edges, const std::string& rest);

// Same bits (NaN included), not merely ==.
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace accord::test
