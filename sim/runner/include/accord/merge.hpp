// `accord merge`: the result directories of the shards of one sweep into the result of the whole
// sweep, with the rows sorted by point and replication (the bytes of a whole run).
#pragma once

#include <atomic>
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
// `command_line` goes into the new manifest. An older result in `out` is removed (its manifest.json
// first) before the new files are renamed into place, so that a kill while the files are replaced
// leaves no old file beside a new one, nor a manifest beside files it does not vouch for. When `*interrupted` turns
// true before the files are replaced it stops (std::runtime_error) and leaves `out` as it was; from then on it
// finishes.
void merge_sweeps(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out,
                  const std::vector<std::string>& command_line, const std::atomic<bool>* interrupted = nullptr);

}  // namespace accord
