#include "accord/sweep_state.hpp"

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/journal.hpp"
#include "accord/manifest.hpp"

namespace accord {

namespace {

// The files of accord's results, finished or not, that a sweep may find or leave in its directory.
constexpr const char* result_files[] = {"runs.csv",         "points.csv",         "manifest.json",
                                        "runs.csv.partial", "points.csv.partial", sweep_state_file,
                                        "summary.csv",      "trajectory.csv",     "terms.csv",
                                        "blockers.csv",     "zopa.csv"};

bool has_results(const std::filesystem::path& dir) {
    for (const char* name : result_files)
        if (std::filesystem::exists(dir / name)) return true;
    return false;
}

void remove_results(const std::filesystem::path& dir) {
    for (const char* name : result_files) std::filesystem::remove(dir / name);
    std::filesystem::remove(dir / "sensitivity.csv");
}

// --resume of an interrupted sweep: how many points both journals hold in full, after cutting
// them to those; nullopt when a journal lacks its header (the sweep then starts afresh).
std::optional<long> resumable_points(const SweepOptions& o) {
    const auto runs_partial = o.dir / "runs.csv.partial";
    const auto points_partial = o.dir / "points.csv.partial";
    const long run_lines = std::filesystem::exists(runs_partial) ? complete_lines(runs_partial) : -1;
    const long point_lines = std::filesystem::exists(points_partial) ? complete_lines(points_partial) : -1;
    if (run_lines < 0 || point_lines < 0) return std::nullopt;
    const long done = std::min(run_lines / o.replications, point_lines);
    truncate_to_lines(runs_partial, done * o.replications);
    truncate_to_lines(points_partial, done);
    return done;
}

}  // namespace

std::string sweep_state_text(const std::string& design, const SweepOptions& o, long points) {
    return fmt::format("scenario_sha256={}\nfingerprint={}\ndesign={}\npoints={}\nreplications={}\nshard={}/{}\n",
                       o.manifest.scenario_sha256, o.fingerprint, design, points, o.replications, o.shard.index,
                       o.shard.count);
}

bool holds_finished_sweep(const std::filesystem::path& dir) {
    return std::filesystem::exists(dir / "manifest.json") && std::filesystem::exists(dir / "runs.csv") &&
           std::filesystem::exists(dir / "points.csv") && !std::filesystem::exists(dir / sweep_state_file);
}

bool finished_sweep_matches(const std::filesystem::path& dir, const SweepOptions& o, const Shard& shard) {
    Manifest m;
    try {
        m = parse_manifest(read_file_bytes(dir / "manifest.json"));
    } catch (const ManifestError&) {
        return false;
    }
    return m.sweep && m.scenario_sha256 == o.manifest.scenario_sha256 && m.seed == o.manifest.seed &&
           m.sweep->shard == fmt::format("{}/{}", shard.index, shard.count) &&
           m.sweep->replications == o.replications && m.sweep->options_sha256 == o.fingerprint;
}

SweepStart start_sweep(const SweepOptions& o, const std::string& state) {
    const auto state_path = o.dir / sweep_state_file;
    SweepStart start;
    if (o.resume && std::filesystem::exists(state_path)) {
        if (read_file_bytes(state_path) != state)
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options "
                            "(seed, --set, --runs, --shard); use a new directory or --force",
                            o.dir.string()));
        if (const auto done = resumable_points(o)) {
            start.kind = SweepStart::Kind::continuing;
            start.points_done = *done;
            return start;
        }
    } else if (o.resume && holds_finished_sweep(o.dir)) {
        // Already complete: check it is the same sweep, then there is nothing to do.
        if (!finished_sweep_matches(o.dir, o, o.shard))
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options; "
                            "use a new directory or --force",
                            o.dir.string()));
        start.kind = SweepStart::Kind::finished;
        return start;
    } else if (has_results(o.dir)) {
        if (o.resume)
            throw SweepUsageError(
                fmt::format("'{}' holds results that are not a sweep --resume can finish (no "
                            "unfinished sweep, no finished one); use a new directory or --force",
                            o.dir.string()));
        if (!o.force)
            throw SweepUsageError(
                fmt::format("'{}' already holds results: use --resume to finish an interrupted "
                            "sweep, or --force to replace them",
                            o.dir.string()));
    }
    remove_results(o.dir);
    write_file_atomically(state_path, state);
    return start;
}

}  // namespace accord
