// `accord sweep`: every design point of the scenario's sweep times its replications, streamed to
// disk in a fixed order, so that the bytes are the same on any thread count, in shards, or after
// an interruption finished with --resume (docs/interface.md section 4).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/design.hpp"
#include "accord/manifest.hpp"
#include "accord/plan.hpp"
#include "accord/scenario.hpp"

namespace accord {

// A problem with how the sweep was asked for (an existing directory without --force or
// --resume, a --resume of another sweep): exit status 2.
class SweepUsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Shard {
    long index = 0;  // K
    long count = 1;  // N
    bool takes(long point) const { return point % count == index; }
};

// "K/N" with 0 <= K < N; nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);

// What besides the scenario's bytes decides the rows (seed, replications, accord's version, every
// --set in order), hashed: --resume refuses a directory made with another.
std::string sweep_fingerprint(std::uint64_t seed, long replications, const std::vector<std::string>& sets);

struct SweepOptions {
    std::filesystem::path dir;
    // The run plan's starting parameters (the file's after --set) and its draws: every design
    // point starts from `start` with the point's values set, and draws `draws` in every run.
    Params start;
    std::vector<Uncertain> draws;
    long replications = 1;
    Shard shard;
    bool resume = false;
    bool force = false;
    // Everything besides the scenario bytes that changes the rows (seed, --set, ...): --resume
    // refuses a directory whose fingerprint differs.
    std::string fingerprint;
    Manifest manifest;  // filled in (times, runs, sweep fields) when the sweep completes
    // Called after each block of points with (points done, points of this shard).
    std::function<void(long, long)> progress;
    const std::atomic<bool>* interrupted = nullptr;
    // Instead of the scenario's own design: explicit points (values of the sweep parameters, in
    // their units) and the name the manifest gives them (`accord sensitivity` uses this).
    const std::vector<DesignPoint>* design = nullptr;
    std::string design_label;
    // The memory the point in progress may take (nullopt: not checked): replications whose values
    // (sweep_point_bytes) need more are refused with SweepUsageError before anything is written.
    std::optional<double> memory_available;
    // How that refusal names the replications to lower: the command line's option, or the Python
    // module's argument ("runs").
    std::string runs_option = "--runs";
};

// Bytes a sweep keeps for its point in progress: 8 a replication for each issue's terms and each
// outcome on an issue with a status quo (points.csv's mean and sd are summarize()'s, summed over the
// point's sorted values, so every value stays until the point's last replication); with a status
// quo, 8 more and a bit for the terms_if_agreed columns (one issue's deals copied at a time).
double sweep_point_bytes(const Scenario& scenario, long replications);

// The options of a sweep of `plan` into `dir` (what `accord sweep`, `accord sensitivity` and the Python
// module share): the plan's runs as replications per point, its start and draws, --resume and
// --force, and the fingerprint of its seed, replications and --set texts (plan.overrides' text, in
// order). The caller adds the manifest, the shard and what it watches.
SweepOptions sweep_options_for(const RunPlan& plan, const std::filesystem::path& dir, bool resume, bool force);

struct SweepOutcome {
    bool complete = false;
    long points_done = 0;   // of this shard
    long points_total = 0;  // of this shard
    long points_resumed = 0;
    long design_points = 0;  // of the whole sweep
};

// The header of a sweep's runs.csv and points.csv.
std::string sweep_runs_header(const Scenario& scenario, const SweepSpec& sweep, const std::vector<Uncertain>& draws);
std::string sweep_points_header(const Scenario& scenario, const SweepSpec& sweep);

// Runs the sweep (or shard) into options.dir. Throws SweepUsageError for usage problems,
// std::runtime_error for I/O failures and RunError for numeric trouble in a run.
SweepOutcome run_sweep(const Scenario& scenario, const SweepOptions& options);

// Whether `dir` holds a finished sweep, and whether it is the sweep `options` would make as
// `shard` (same scenario bytes, seed, replications, options): --resume then has nothing to do.
bool holds_finished_sweep(const std::filesystem::path& dir);
bool finished_sweep_matches(const std::filesystem::path& dir, const SweepOptions& options, const Shard& shard);
// What differs between the finished sweep in `dir` and the one `options` would make as `shard`, in words
// for a refusal ("the seed (42 recorded, 10 now)", "FILE changed since (...)"); empty when nothing does.
std::string finished_sweep_difference(const std::filesystem::path& dir, const SweepOptions& options,
                                      const Shard& shard);
// A finished sweep's runs.csv and points.csv must still be the bytes it finished with (the checksums
// its manifest.json recorded; manifests of older versions record none): throws SweepUsageError
// naming the changed file, ManifestError for a manifest that cannot be read.
void check_finished_sweep_files(const std::filesystem::path& dir);

// An unfinished mpirun sweep's rank directories (.mpi-rank-K-of-N) in `dir` of another number of
// ranks than `ranks` (1: a sweep without mpirun, from the command line or Python) would have their
// points silently computed again: with `force` they are removed, else a SweepUsageError says how to
// resume them. start_sweep checks with 1 rank; under mpirun rank 0 checks the output with its own.
void check_rank_directories(const std::filesystem::path& dir, int ranks, bool force);
// Whether `dir` holds the journals or state files of a sweep that has not finished, made there
// without mpirun (mpirun's ranks keep theirs in their rank directories).
bool holds_unfinished_sweep(const std::filesystem::path& dir);

// The names of the files a sweep writes or leaves while running.
inline constexpr const char* sweep_state_file = ".accord-sweep";
inline constexpr const char* sweep_blocks_file = ".accord-sweep-blocks";

}  // namespace accord
