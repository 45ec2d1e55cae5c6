#include "accord/sweep.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "accord/csv.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "accord/sha256.hpp"
#include "accord/stats.hpp"
#include "accord/version.hpp"

namespace accord {

namespace {

const char* design_name(Design d) {
    switch (d) {
        case Design::grid:
            return "grid";
        case Design::random:
            return "random";
        case Design::lhs:
            return "lhs";
        case Design::sobol:
            return "sobol";
    }
    return "";
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A file that rows are appended to, made durable block by block.
class Journal {
public:
    Journal(const std::filesystem::path& path, bool append) : path_(path) {
        file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
        if (!file_) throw std::runtime_error(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
    }
    ~Journal() {
        if (file_) std::fclose(file_);
    }
    void append(const std::string& text) {
        if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
            throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
    }
    void sync() {
        if (std::fflush(file_) != 0 || ::fdatasync(::fileno(file_)) != 0)
            throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
    }
    void close() {
        sync();
        std::fclose(file_);
        file_ = nullptr;
    }

private:
    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
};

// Keeps the first `lines` complete lines of a journal (after its header) and drops the rest,
// which an interruption may have left half written. Returns the number of complete lines found.
long complete_lines(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    long lines = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof()) break;  // no line end: incomplete
        ++lines;
    }
    return lines - 1;  // the header
}

void truncate_to_lines(const std::filesystem::path& path, long keep) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::uintmax_t bytes = 0;
    for (long i = 0; i < keep + 1 && std::getline(in, line); ++i) bytes += line.size() + 1;
    in.close();
    std::filesystem::resize_file(path, bytes);
}

std::string state_text(const std::string& design, const SweepOptions& o, long points) {
    return fmt::format("scenario_sha256={}\nfingerprint={}\ndesign={}\npoints={}\nreplications={}\nshard={}/{}\n",
                       o.manifest.scenario_sha256, o.fingerprint, design, points, o.replications, o.shard.index,
                       o.shard.count);
}

bool has_results(const std::filesystem::path& dir) {
    for (const char* name : {"runs.csv", "points.csv", "manifest.json", "runs.csv.partial", "points.csv.partial",
                             sweep_state_file, "summary.csv", "trajectory.csv", "terms.csv"})
        if (std::filesystem::exists(dir / name)) return true;
    return false;
}

void remove_results(const std::filesystem::path& dir) {
    for (const char* name : {"runs.csv", "points.csv", "manifest.json", "runs.csv.partial", "points.csv.partial",
                             sweep_state_file, "summary.csv", "trajectory.csv", "terms.csv", "sensitivity.csv"})
        std::filesystem::remove(dir / name);
}

}  // namespace

std::optional<Shard> parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    long k = 0, n = 0;
    const char* a = text.data();
    auto [p1, e1] = std::from_chars(a, a + slash, k);
    auto [p2, e2] = std::from_chars(a + slash + 1, a + text.size(), n);
    if (e1 != std::errc() || e2 != std::errc() || p1 != a + slash || p2 != a + text.size() || n < 1 || k < 0 || k >= n)
        return std::nullopt;
    return Shard{k, n};
}

std::string sweep_fingerprint(std::uint64_t seed, long replications, const std::vector<std::string>& sets) {
    std::string text = fmt::format("seed={};replications={};accord={}", seed, replications, version);
    for (const auto& set : sets) text += ";set=" + set;
    return sha256_hex(text);
}

bool holds_finished_sweep(const std::filesystem::path& dir) {
    return std::filesystem::exists(dir / "manifest.json") && std::filesystem::exists(dir / "runs.csv") &&
           std::filesystem::exists(dir / "points.csv") && !std::filesystem::exists(dir / sweep_state_file);
}

bool finished_sweep_matches(const std::filesystem::path& dir, const SweepOptions& o, const Shard& shard) {
    auto m = parse_flat_json(read_all(dir / "manifest.json"));
    return m && (*m)["scenario_sha256"] == o.manifest.scenario_sha256 &&
           (*m)["seed"] == std::to_string(o.manifest.seed) &&
           (*m)["shard"] == fmt::format("{}/{}", shard.index, shard.count) &&
           (*m)["replications"] == std::to_string(o.replications) && (*m)["options_sha256"] == o.fingerprint;
}

std::string sweep_runs_header(const Scenario& s, const SweepSpec& sweep) {
    CsvRow row;
    row.add("point").add("replication").add("run").add("seed");
    for (const auto& p : sweep.parameters) row.add(p.name);
    add_outcome_header(row, s);
    return row.line();
}

std::string sweep_points_header(const Scenario& s, const SweepSpec& sweep) {
    CsvRow row;
    row.add("point");
    for (const auto& p : sweep.parameters) row.add(p.name);
    row.add("runs").add("p_agree").add("p_agree_low").add("p_agree_high");
    for (const auto& issue : s.issues) row.add("terms." + issue.id + ".mean").add("terms." + issue.id + ".sd");
    return row.line();
}

SweepOutcome run_sweep(const Scenario& s, const SweepOptions& o) {
    if (!s.sweep) throw SweepUsageError("the scenario has no 'sweep' block: nothing to sweep");
    const SweepSpec& sweep = *s.sweep;
    const std::uint64_t seed = o.manifest.seed;
    std::vector<DesignPoint> own_design;
    if (!o.design) own_design = make_design(s, sweep, seed);
    const std::vector<DesignPoint>& design = o.design ? *o.design : own_design;
    const std::string label = o.design ? o.design_label : design_name(sweep.design);
    const long total_points = static_cast<long>(design.size());
    std::vector<long> mine;
    for (long p = 0; p < total_points; ++p)
        if (o.shard.takes(p)) mine.push_back(p);

    const auto runs_partial = o.dir / "runs.csv.partial";
    const auto points_partial = o.dir / "points.csv.partial";
    const auto state_path = o.dir / sweep_state_file;
    const std::string state = state_text(label, o, total_points);
    std::error_code ec;
    std::filesystem::create_directories(o.dir, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create the directory '{}': {}", o.dir.string(), ec.message()));

    SweepOutcome outcome;
    bool continuing = false;  // resuming journals that hold their headers
    outcome.points_total = static_cast<long>(mine.size());
    outcome.design_points = total_points;
    long done = 0;
    if (o.resume && std::filesystem::exists(state_path)) {
        if (read_all(state_path) != state)
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options "
                            "(seed, --set, --runs, --shard); use a new directory or --force",
                            o.dir.string()));
        const long run_lines = std::filesystem::exists(runs_partial) ? complete_lines(runs_partial) : -1;
        const long point_lines = std::filesystem::exists(points_partial) ? complete_lines(points_partial) : -1;
        // Both journals need their header line; without it the sweep starts afresh.
        if (run_lines >= 0 && point_lines >= 0) {
            done = std::min(run_lines / o.replications, point_lines);
            truncate_to_lines(runs_partial, done * o.replications);
            truncate_to_lines(points_partial, done);
            continuing = true;
        }
    } else if (o.resume && holds_finished_sweep(o.dir)) {
        // Already complete: check it is the same sweep, then there is nothing to do.
        if (!finished_sweep_matches(o.dir, o, o.shard))
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options; "
                            "use a new directory or --force",
                            o.dir.string()));
        outcome.complete = true;
        outcome.points_done = outcome.points_total;
        outcome.points_resumed = outcome.points_total;
        return outcome;
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
        remove_results(o.dir);
    }
    outcome.points_resumed = done;
    const bool fresh = !continuing;
    if (fresh) {
        remove_results(o.dir);
        write_file_atomically(state_path, state);
    }
    Journal runs(runs_partial, !fresh);
    Journal points(points_partial, !fresh);
    if (fresh) {
        runs.append(sweep_runs_header(s, sweep));
        points.append(sweep_points_header(s, sweep));
        runs.sync();
        points.sync();
    }

    // Runs are computed in chunks of at most `chunk` runs, in (point, replication) order, so memory
    // stays flat whatever the number of points or replications; a point's row in points.csv is
    // written once its last replication is in runs.csv.
    const long reps = o.replications;
    const long chunk = 8192;
    const std::size_t m = s.issues.size();
    const long total_runs = static_cast<long>(mine.size()) * reps;
    long next_run = done * reps;  // index into this shard's runs: point mine[i / reps], replication i % reps
    std::vector<std::string> rows;
    std::vector<long> agreed_flags;
    std::vector<std::vector<double>> point_terms(m);  // the terms of the point in progress
    long point_agreed = 0;
    while (next_run < total_runs) {
        if (o.interrupted && o.interrupted->load()) break;
        const long count = std::min(chunk, total_runs - next_run);
        const long first_point = next_run / reps, last_point = (next_run + count - 1) / reps;
        std::vector<Params> starts(static_cast<std::size_t>(last_point - first_point + 1), s.base);
        for (long b = first_point; b <= last_point; ++b) {
            const DesignPoint& point = design[static_cast<std::size_t>(mine[static_cast<std::size_t>(b)])];
            for (std::size_t j = 0; j < sweep.parameters.size(); ++j)
                set_param(starts[static_cast<std::size_t>(b - first_point)], sweep.parameters[j].path, point[j], s);
        }
        rows.assign(static_cast<std::size_t>(count), std::string());
        std::vector<std::vector<double>> terms(static_cast<std::size_t>(count));
        agreed_flags.assign(static_cast<std::size_t>(count), 0);
        std::atomic<bool> stopped{false};
        tbb::parallel_for(tbb::blocked_range<long>(0, count), [&](const tbb::blocked_range<long>& range) {
            for (long i = range.begin(); i != range.end(); ++i) {
                if (o.interrupted && o.interrupted->load()) {
                    stopped = true;
                    return;
                }
                const long index = next_run + i;
                const long b = index / reps, k = index % reps;
                const long p = mine[static_cast<std::size_t>(b)];
                const std::uint64_t run_seed = seed + static_cast<std::uint64_t>(k);
                const RunResult r = simulate_run(s, starts[static_cast<std::size_t>(b - first_point)], run_seed, false);
                CsvRow row;
                row.add_int(p).add_int(k).add_int(p * reps + k).add(std::to_string(run_seed));
                for (double v : design[static_cast<std::size_t>(p)]) row.add(v);
                add_outcome_fields(row, s, r);
                rows[static_cast<std::size_t>(i)] = row.line();
                agreed_flags[static_cast<std::size_t>(i)] = r.agreed;
                for (std::size_t j = 0; j < m; ++j)
                    terms[static_cast<std::size_t>(i)].push_back(s.issues[j].to_units(r.terms[j]));
            }
        });
        if (stopped) break;
        std::string run_text, point_text;
        for (long i = 0; i < count; ++i) {
            run_text += rows[static_cast<std::size_t>(i)];
            point_agreed += agreed_flags[static_cast<std::size_t>(i)];
            for (std::size_t j = 0; j < m; ++j) point_terms[j].push_back(terms[static_cast<std::size_t>(i)][j]);
            const long index = next_run + i;
            if (index % reps != reps - 1) continue;
            // The point's last replication: its row of points.csv.
            const long p = mine[static_cast<std::size_t>(index / reps)];
            const Interval ci = wilson_interval(point_agreed, reps);
            CsvRow row;
            row.add_int(p);
            for (double v : design[static_cast<std::size_t>(p)]) row.add(v);
            row.add_int(reps)
                .add(static_cast<double>(point_agreed) / static_cast<double>(reps))
                .add(ci.low)
                .add(ci.high);
            for (std::size_t j = 0; j < m; ++j) {
                const Summary t = summarize(point_terms[j]);
                row.add_optional(t.mean).add_optional(t.sd);
                point_terms[j].clear();
            }
            point_agreed = 0;
            point_text += row.line();
        }
        // Runs first, then points: a point counts as done only when both journals hold it.
        runs.append(run_text);
        runs.sync();
        if (!point_text.empty()) {
            points.append(point_text);
            points.sync();
        }
        next_run += count;
        done = next_run / reps;
        if (o.progress) o.progress(done, static_cast<long>(mine.size()));
    }
    outcome.points_done = done;
    if (done < static_cast<long>(mine.size())) return outcome;  // interrupted: the journals stay for --resume

    runs.close();
    points.close();
    std::filesystem::rename(runs_partial, o.dir / "runs.csv");
    std::filesystem::rename(points_partial, o.dir / "points.csv");
    Manifest manifest = o.manifest;
    manifest.runs = static_cast<long>(mine.size()) * reps;
    manifest.end_time = utc_now();
    manifest.sweep =
        SweepManifest{label, total_points, reps, fmt::format("{}/{}", o.shard.index, o.shard.count), o.fingerprint};
    write_file_atomically(o.dir / "manifest.json", manifest_json(manifest));
    std::filesystem::remove(state_path);
    outcome.complete = true;
    return outcome;
}

}  // namespace accord
