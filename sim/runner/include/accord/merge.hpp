// `accord merge`: the result directories of the shards of one sweep into the result of the whole
// sweep, with the rows sorted by point and replication (the bytes of a whole run).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/manifest.hpp"

namespace accord {

// The shards do not form one sweep (other scenario, seed or design; a point missing or given
// twice; a shard unfinished): exit status 2.
class MergeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Checks the shards and writes runs.csv, points.csv and manifest.json into `out`.
// `command_line` goes into the new manifest.
void merge_sweeps(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out,
                  const std::vector<std::string>& command_line);

}  // namespace accord
