// manifest.json: how a result directory was made (docs/interface.md section 4).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace accord {

struct InputFile;  // accord/scenario.hpp

struct SweepManifest {
    std::string design;
    long points = 0;  // design points of the whole sweep
    long replications = 0;
    std::string shard;           // "K/N"; "0/1" for a whole sweep
    std::string options_sha256;  // of the options besides the scenario that decide the rows (--set, ...)
    friend bool operator==(const SweepManifest&, const SweepManifest&) = default;
};

// A file a command read (the scenario, its actor table, ...) and the SHA-256 of its bytes.
struct ManifestInput {
    std::string path;
    std::string sha256;
    friend bool operator==(const ManifestInput&, const ManifestInput&) = default;
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
    // Every input file in the order read (docs/interface.md section 4.3), and the fingerprint over
    // all their bytes that --resume and merge compare. Empty in manifests of older versions.
    std::vector<ManifestInput> inputs;
    std::string inputs_sha256;
    // A sweep's: SHA-256 of runs.csv and points.csv as the sweep (or merge) finished them; merge
    // refuses a shard whose files no longer match. Empty in manifests of older versions.
    std::string runs_csv_sha256;
    std::string points_csv_sha256;
    // The absolute directory the command ran in, so that relative paths in `scenario` and `inputs`
    // can be found from anywhere (plot.py, report). Informational: merge and --resume ignore it.
    std::string working_directory;
    friend bool operator==(const Manifest&, const Manifest&) = default;
};

// The JSON text: one key per line in a fixed order, the sweep's keys only for a sweep and
// scenario_b only for a comparison.
std::string manifest_json(const Manifest& manifest);

// A manifest that cannot be read back; what() says what is wrong ("has no whole number 'points'").
class ManifestError : public std::runtime_error {
public:
    ManifestError(const std::string& what, bool of_sweep) : std::runtime_error(what), of_sweep_(of_sweep) {}
    // Whether the text is a JSON object with a `shard`, the mark of a sweep's manifest.
    bool of_sweep() const { return of_sweep_; }

private:
    bool of_sweep_;
};

// The fingerprint of a command's input bytes: SHA-256 over the digests of `inputs` in order, so
// that it changes with any byte of any file, and not with the paths they were read by.
std::string inputs_fingerprint(const std::vector<ManifestInput>& inputs);

// Fills what a manifest records of a command's inputs, the same for the command line and the Python
// module: `scenario`, the working directory, each input's path and the SHA-256 of the bytes the
// loader read (`inputs`, the scenario first), their fingerprint, and scenario_sha256 (the first
// input's; the file at `scenario` read now only when no input is given).
void record_inputs(Manifest& manifest, const std::string& scenario, const std::vector<InputFile>& inputs);

// Reads manifest_json's text back (merge and --resume compare these values). Every key
// manifest_json always writes must be present with its type; a sweep is a manifest with a
// `shard`, and then design, points and replications are needed too (options_sha256 may be
// missing: manifests of older versions lack it). Unknown keys are ignored. Throws ManifestError.
Manifest parse_manifest(const std::string& text);

// The current time as ISO 8601 UTC, e.g. 2026-11-28T21:16:21Z.
std::string utc_now();

}  // namespace accord
