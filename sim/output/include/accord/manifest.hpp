// manifest.json: how a result directory was made (interface.md section 4).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace accord {

struct SweepManifest {
    std::string design;
    long points = 0;  // design points of the whole sweep
    long replications = 0;
    std::string shard;           // "K/N"; "0/1" for a whole sweep
    std::string options_sha256;  // of the options besides the scenario that decide the rows (--set, ...)
};

struct Manifest {
    std::string accord_version;
    std::vector<std::string> command_line;
    std::string scenario;
    std::string scenario_sha256;
    std::uint64_t seed = 0;
    long runs = 0;
    int threads = 0;
    std::string start_time;
    std::string end_time;
    std::optional<SweepManifest> sweep;
    std::string scenario_b;  // `accord compare`: the second variant
    std::string scenario_b_sha256;
};

std::string manifest_json(const Manifest& manifest);

// The scalar values of a flat JSON object as written by manifest_json (strings unescaped,
// numbers as text); arrays are skipped. nullopt when the text is not such an object.
std::optional<std::map<std::string, std::string>> parse_flat_json(const std::string& text);

// The current time as ISO 8601 UTC, e.g. 2026-11-28T21:16:21Z.
std::string utc_now();

std::string json_string(const std::string& text);

}  // namespace accord
