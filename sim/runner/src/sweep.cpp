#include "accord/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/journal.hpp"
#include "accord/results.hpp"
#include "accord/sha256.hpp"
#include "accord/sweep_state.hpp"
#include "accord/version.hpp"
#include "sweep_block.hpp"

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
    // Plain decimal, as --seed and --runs: "01/2" is refused, not read as 1/2.
    if ((slash > 1 && text[0] == '0') || (text.size() - slash > 2 && text[slash + 1] == '0')) return std::nullopt;
    return Shard{k, n};
}

std::string sweep_fingerprint(std::uint64_t seed, long replications, const std::vector<std::string>& sets) {
    std::string text = fmt::format("seed={};replications={};accord={}", seed, replications, version);
    for (const auto& set : sets) text += ";set=" + set;
    return sha256_hex(text);
}

SweepOptions sweep_options_for(const RunPlan& plan, const std::filesystem::path& dir, bool resume, bool force) {
    SweepOptions o;
    o.dir = dir;
    o.replications = plan.runs;
    o.start = plan.start;
    o.draws = plan.draws;
    o.resume = resume;
    o.force = force;
    std::vector<std::string> sets;
    for (const Override& override_ : plan.overrides) sets.push_back(override_.text);
    o.fingerprint = sweep_fingerprint(plan.seed, o.replications, sets);
    return o;
}

double sweep_point_bytes(const Scenario& s, long replications) {
    double values = s.issue_count();
    for (const auto& issue : s.issues) values += issue.has_status_quo ? 1 : 0;
    return 8 * values * static_cast<double>(replications);
}

std::string sweep_runs_header(const Scenario& s, const SweepSpec& sweep, const std::vector<Uncertain>& draws) {
    CsvRow row;
    row.add("point").add("replication").add("run").add("seed");
    for (const auto& p : sweep.parameters) row.add(p.name);
    add_outcome_header(row, s, draws);
    return row.line();
}

std::string sweep_points_header(const Scenario& s, const SweepSpec& sweep) {
    CsvRow row;
    row.add("point");
    for (const auto& p : sweep.parameters) row.add(p.name);
    row.add("runs").add("p_agree").add("p_agree_low").add("p_agree_high");
    for (const auto& issue : s.issues) row.add("terms." + issue.id + ".mean").add("terms." + issue.id + ".sd");
    if (s.has_status_quo())  // the outcome: the deal, or the status quo (docs/models.md section 16.4)
        for (const auto& issue : s.issues) row.add("outcome." + issue.id + ".mean").add("outcome." + issue.id + ".sd");
    return row.line();
}

namespace {

// The finish: the journals become runs.csv and points.csv, manifest.json is written, and only then
// is the state file removed: until it goes, --resume treats the directory as unfinished.
void finish_sweep(const SweepOptions& o, Journal& runs, Journal& points, Journal& records, Manifest manifest) {
    runs.close();
    points.close();
    records.close();
    std::filesystem::rename(o.dir / "runs.csv.partial", o.dir / "runs.csv");
    std::filesystem::rename(o.dir / "points.csv.partial", o.dir / "points.csv");
    // Merge checks a finished shard's files against these.
    manifest.runs_csv_sha256 = sha256_file(o.dir / "runs.csv");
    manifest.points_csv_sha256 = sha256_file(o.dir / "points.csv");
    manifest.end_time = utc_now();
    write_file_atomically(o.dir / "manifest.json", manifest_json(manifest));
    std::filesystem::remove(o.dir / sweep_blocks_file);
    std::filesystem::remove(o.dir / sweep_state_file);
}

// The runs of a shard, checked before anything is written: the product must fit in a long.
long shard_runs(long points, long replications) {
    long runs = 0;
    if (__builtin_mul_overflow(points, replications, &runs))
        throw SweepUsageError(
            fmt::format("{} design points x {} replications is more runs than accord can count; "
                        "lower the replications or the design's size",
                        points, replications));
    return runs;
}

// Refuses replications whose values would not fit in `available` bytes (nullopt: not checked).
void check_point_memory(const Scenario& s, long replications, std::optional<double> available) {
    const double need = sweep_point_bytes(s, replications);
    if (!available || need <= *available) return;
    const double gib = 1024.0 * 1024.0 * 1024.0;
    const long fit = std::max(1L, static_cast<long>(static_cast<double>(replications) * *available / need));
    throw SweepUsageError(fmt::format(
        "{} replications of a point would hold about {:.1f} GiB of terms and outcomes in memory until its row of "
        "points.csv is written, more than the {:.1f} GiB available: lower --runs (about {} fit)",
        replications, need / gib, *available / gib, fit));
}

void create_sweep_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create the directory '{}': {}", dir.string(), ec.message()));
}

}  // namespace

SweepOutcome run_sweep(const Scenario& s, const SweepOptions& o) {
    if (!s.sweep) throw SweepUsageError("the scenario has no 'sweep' block: nothing to sweep");
    if (o.start.actors.size() != s.actors.size())
        throw std::invalid_argument("run_sweep: SweepOptions.start is not a run plan's start for this scenario");
    const SweepSpec& sweep = *s.sweep;
    const std::uint64_t seed = o.manifest.seed;
    // A grid's points are computed as they are run: no memory up front, whatever its size.
    const DesignPoints design = o.design ? DesignPoints(*o.design) : DesignPoints(s, sweep, seed);
    const std::string label = o.design ? o.design_label : design_name(sweep.design);
    const long total_points = design.size();
    // This shard's points: p = K, K + N, K + 2N, ... below total_points.
    const long mine = total_points > o.shard.index ? (total_points - o.shard.index - 1) / o.shard.count + 1 : 0;
    const long reps = o.replications;
    const long total_runs = shard_runs(mine, reps);
    check_point_memory(s, reps, o.memory_available);
    create_sweep_directory(o.dir);

    SweepOutcome outcome;
    outcome.points_total = mine;
    outcome.design_points = total_points;
    const JournalHeaders headers{sweep_runs_header(s, sweep, o.draws), sweep_points_header(s, sweep)};
    const SweepStart start = start_sweep(o, sweep_state_text(label, o, total_points), headers);
    if (start.kind == SweepStart::Kind::finished) {
        outcome.complete = true;
        outcome.points_done = outcome.points_resumed = outcome.points_total;
        return outcome;
    }
    const bool fresh = start.kind == SweepStart::Kind::fresh;
    long done = start.points_done;
    outcome.points_resumed = done;
    Journal runs(o.dir / "runs.csv.partial", !fresh);
    Journal points(o.dir / "points.csv.partial", !fresh);
    // After each block both journals hold, a record of their lengths and the block's checksums.
    Journal records(o.dir / sweep_blocks_file, !fresh);
    long runs_bytes = fresh ? 0 : static_cast<long>(std::filesystem::file_size(o.dir / "runs.csv.partial"));
    long points_bytes = fresh ? 0 : static_cast<long>(std::filesystem::file_size(o.dir / "points.csv.partial"));
    auto record = [&](const std::string& runs_added, const std::string& points_added) {
        runs_bytes += static_cast<long>(runs_added.size());
        points_bytes += static_cast<long>(points_added.size());
        records.append(journal_block_record(runs_bytes, points_bytes, runs_added, points_added));
        records.sync();
    };
    if (fresh) {
        runs.append(headers.runs);
        points.append(headers.points);
        runs.sync();
        points.sync();
        record(headers.runs, headers.points);
    }

    // Runs are computed in blocks of at most `chunk` runs; a point's row in points.csv is
    // written once its last replication is in runs.csv.
    const long chunk = 8192;
    detail::SweepBlockRunner blocks(s, o.start, o.draws, design, o.shard.index, o.shard.count, reps, seed);
    for (long next_run = done * reps; next_run < total_runs;) {
        if (o.interrupted && o.interrupted->load()) break;
        const long count = std::min(chunk, total_runs - next_run);
        const auto block = blocks.run(next_run, count, o.interrupted);
        if (block.interrupted) break;
        // Runs first, then points: a point counts as done only when both journals hold it.
        runs.append(block.runs);
        runs.sync();
        if (!block.points.empty()) {
            points.append(block.points);
            points.sync();
        }
        record(block.runs, block.points);
        next_run += count;
        done = next_run / reps;
        if (o.progress) o.progress(done, mine);
    }
    outcome.points_done = done;
    if (done < mine) return outcome;  // interrupted: the journals stay for --resume

    Manifest manifest = o.manifest;
    manifest.runs = total_runs;
    manifest.sweep =
        SweepManifest{label, total_points, reps, fmt::format("{}/{}", o.shard.index, o.shard.count), o.fingerprint};
    finish_sweep(o, runs, points, records, manifest);
    outcome.complete = true;
    return outcome;
}

}  // namespace accord
