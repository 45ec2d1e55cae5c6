#include "accord/sweep_state.hpp"

#include <charconv>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/journal.hpp"
#include "accord/manifest.hpp"
#include "accord/result_files.hpp"
#include "accord/sha256.hpp"

namespace accord {

namespace {

static_assert(std::string_view(result_file_names[5]) == sweep_state_file &&
              std::string_view(result_file_names[6]) == sweep_blocks_file);

[[noreturn]] void refuse_journal(const SweepOptions& o, const std::string& what) {
    throw SweepUsageError(
        fmt::format("'{}' holds an unfinished sweep whose journals fail their check: {}; they were "
                    "changed after accord wrote them. Use --force to start the sweep again",
                    o.dir.string(), what));
}

// The complete lines of `text` from byte `from` to `to`, each without its line break.
std::vector<std::string_view> lines_of(const std::string& text, std::size_t to) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < to) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos || end >= to) break;
        lines.emplace_back(text.data() + start, end - start);
        start = end + 1;
    }
    return lines;
}

// The (point, replication) a line of a journal begins with; -1 fields when malformed.
std::pair<long, long> leading_pair(std::string_view line) {
    long a = -1, b = -1;
    const char* end = line.data() + line.size();
    auto [p1, e1] = std::from_chars(line.data(), end, a);
    if (e1 != std::errc() || p1 == end || *p1 != ',') return {-1, -1};
    auto [p2, e2] = std::from_chars(p1 + 1, end, b);
    if (e2 != std::errc() || (p2 != end && *p2 != ',')) b = -1;
    return {a, b};
}

// The byte length of the header and the first `keep` lines of `text`.
std::size_t bytes_of_lines(const std::string& text, long keep) {
    std::size_t at = 0;
    for (long i = 0; i < keep + 1; ++i) at = text.find('\n', at) + 1;
    return at;
}

// --resume of an interrupted sweep: checks the journals against the block records (every block's
// checksum), their headers and the exact (point, replication) sequence of this shard, keeps the
// points both hold in full (cut to those, dropping what no record vouches for) and gives their
// number; nullopt when no block was ever recorded (the sweep then starts afresh).
std::optional<long> resumable_points(const SweepOptions& o, const JournalHeaders& headers) {
    const auto runs_path = o.dir / "runs.csv.partial";
    const auto points_path = o.dir / "points.csv.partial";
    const auto blocks_path = o.dir / sweep_blocks_file;
    const std::string blocks = read_file_bytes(blocks_path);
    const auto records = lines_of(blocks, blocks.size());
    if (records.empty()) return std::nullopt;
    // Killed while finishing (finish_sweep in sweep.cpp): a journal already renamed to its final name
    // is the journal again; the block records below vouch for its bytes or refuse it.
    for (const auto& journal : {runs_path, points_path}) {
        const auto finished = std::filesystem::path(journal).replace_extension();
        if (!std::filesystem::exists(journal) && std::filesystem::exists(finished))
            std::filesystem::rename(finished, journal);
    }
    if (!std::filesystem::exists(runs_path) || !std::filesystem::exists(points_path))
        refuse_journal(o, "a journal is missing");
    const std::string runs = read_file_bytes(runs_path), points = read_file_bytes(points_path);
    std::size_t runs_end = 0, points_end = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string record(records[i]);
        char runs_sum[65] = {}, points_sum[65] = {};
        long r_end = -1, p_end = -1;
        int used = 0;
        if (std::sscanf(record.c_str(), "block %ld %ld %64s %64s%n", &r_end, &p_end, runs_sum, points_sum, &used) !=
                4 ||
            used != static_cast<int>(record.size()) || r_end < static_cast<long>(runs_end) ||
            p_end < static_cast<long>(points_end))
            refuse_journal(o, fmt::format("record {} of {} is malformed", i + 1, blocks_path.string()));
        if (static_cast<std::size_t>(r_end) > runs.size() || static_cast<std::size_t>(p_end) > points.size())
            refuse_journal(o, fmt::format("block {} is shorter than its record", i + 1));
        if (sha256_hex(runs.substr(runs_end, static_cast<std::size_t>(r_end) - runs_end)) != runs_sum)
            refuse_journal(o, fmt::format("block {} of runs.csv.partial does not match its checksum", i + 1));
        if (sha256_hex(points.substr(points_end, static_cast<std::size_t>(p_end) - points_end)) != points_sum)
            refuse_journal(o, fmt::format("block {} of points.csv.partial does not match its checksum", i + 1));
        runs_end = static_cast<std::size_t>(r_end);
        points_end = static_cast<std::size_t>(p_end);
    }
    const auto run_lines = lines_of(runs, runs_end), point_lines = lines_of(points, points_end);
    if (run_lines.empty() || point_lines.empty()) refuse_journal(o, "a journal has no header");
    if (!headers.runs.empty() && std::string(run_lines[0]) + "\n" != headers.runs)
        refuse_journal(o, "runs.csv.partial has another header than this sweep's (its columns were "
                          "written by another version of accord, or the file was changed)");
    if (!headers.points.empty() && std::string(point_lines[0]) + "\n" != headers.points)
        refuse_journal(o, "points.csv.partial has another header than this sweep's (its columns were "
                          "written by another version of accord, or the file was changed)");
    // Row i of this shard's runs is point `index + (i / reps) * count`, replication i % reps.
    const long reps = o.replications;
    for (std::size_t i = 1; i < run_lines.size(); ++i) {
        const long n = static_cast<long>(i - 1);
        const auto [p, k] = leading_pair(run_lines[i]);
        if (p != o.shard.index + (n / reps) * o.shard.count || k != n % reps)
            refuse_journal(o, fmt::format("row {} of runs.csv.partial is not point {}, replication {}", i + 1,
                                          o.shard.index + (n / reps) * o.shard.count, n % reps));
    }
    for (std::size_t i = 1; i < point_lines.size(); ++i) {
        const long n = static_cast<long>(i - 1);
        if (leading_pair(std::string(point_lines[i]) + ",").first != o.shard.index + n * o.shard.count)
            refuse_journal(o, fmt::format("row {} of points.csv.partial is not point {}", i + 1,
                                          o.shard.index + n * o.shard.count));
    }
    const long done =
        std::min(static_cast<long>(run_lines.size() - 1) / reps, static_cast<long>(point_lines.size() - 1));
    const std::size_t runs_keep = bytes_of_lines(runs, done * reps), points_keep = bytes_of_lines(points, done);
    // The record of what is kept first, then the cuts: killed between the two, the journals are longer
    // than their record, which the next --resume accepts (it drops the bytes after the last record).
    // Cut first, a kill left journals shorter than their records, refused by every later --resume.
    write_file_atomically(blocks_path,
                          journal_block_record(static_cast<long>(runs_keep), static_cast<long>(points_keep),
                                               runs.substr(0, runs_keep), points.substr(0, points_keep)));
    std::filesystem::resize_file(runs_path, runs_keep);
    std::filesystem::resize_file(points_path, points_keep);
    return done;
}

std::string short_digest(const std::string& sha256) { return sha256.substr(0, 12) + "..."; }

std::string changed_scenario(const SweepOptions& o, const std::string& was, const std::string& is) {
    return fmt::format("the scenario {} changed since (its SHA-256 was {}, is {})", o.manifest.scenario,
                       short_digest(was), short_digest(is));
}

// The files the scenario reads (its tables), for a refusal that cannot tell which one changed.
std::string tables_read(const SweepOptions& o) {
    std::string paths;
    for (std::size_t i = 1; i < o.manifest.inputs.size(); ++i)
        paths += (paths.empty() ? "" : ", ") + o.manifest.inputs[i].path;
    return paths.empty() ? "a file the scenario reads changed since" : "a file the scenario reads changed since: " + paths;
}

// The value of each `key=value` line of a state file (sweep_state_text).
std::vector<std::pair<std::string, std::string>> state_fields(const std::string& state) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto line : lines_of(state, state.size())) {
        const auto eq = line.find('=');
        if (eq != std::string_view::npos) fields.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    }
    return fields;
}

// What differs between the state file of an unfinished sweep and this command's, in words.
std::string state_difference(const std::string& recorded, const std::string& now, const SweepOptions& o) {
    const auto was = state_fields(recorded), is = state_fields(now);
    auto field = [](const auto& fields, const std::string& key) {
        for (const auto& [k, v] : fields)
            if (k == key) return v;
        return std::string();
    };
    // The seed and the replications are in the fingerprint too: the more precise fields come first.
    for (const char* key : {"scenario_sha256", "inputs_sha256", "replications", "shard", "design", "points",
                            "fingerprint"}) {
        const std::string a = field(was, key), b = field(is, key);
        if (a == b) continue;
        const std::string k = key;
        if (k == "scenario_sha256") return changed_scenario(o, a, b);
        if (k == "inputs_sha256") return tables_read(o);
        if (k == "fingerprint") return "the options (the seed, --set, or the accord version)";
        return fmt::format("the {} ({} recorded, {} now)", k, a.empty() ? "none" : a, b);
    }
    return fmt::format("the state file {}", (o.dir / sweep_state_file).string());
}

}  // namespace

std::string finished_sweep_difference(const std::filesystem::path& dir, const SweepOptions& o, const Shard& shard) {
    Manifest m;
    try {
        m = parse_manifest(read_file_bytes(dir / "manifest.json"));
    } catch (const ManifestError&) {
        return "its manifest.json cannot be read";
    }
    if (!m.sweep) return "its manifest.json is not a sweep's";
    if (m.scenario_sha256 != o.manifest.scenario_sha256)
        return changed_scenario(o, m.scenario_sha256, o.manifest.scenario_sha256);
    if (m.inputs_sha256 != o.manifest.inputs_sha256) {
        const auto& now = o.manifest.inputs;
        if (m.inputs.size() != now.size())
            return fmt::format("the files read ({} recorded, {} now)", m.inputs.size(), now.size());
        for (std::size_t i = 0; i < now.size(); ++i)
            if (m.inputs[i].sha256 != now[i].sha256)
                return fmt::format("{} changed since (its SHA-256 was {}, is {})", now[i].path,
                                   short_digest(m.inputs[i].sha256), short_digest(now[i].sha256));
        return tables_read(o);
    }
    if (m.seed != o.manifest.seed) return fmt::format("the seed ({} recorded, {} now)", m.seed, o.manifest.seed);
    const std::string shard_now = fmt::format("{}/{}", shard.index, shard.count);
    if (m.sweep->shard != shard_now) return fmt::format("the shard ({} recorded, {} now)", m.sweep->shard, shard_now);
    if (m.sweep->replications != o.replications)
        return fmt::format("the replications ({} recorded, {} now)", m.sweep->replications, o.replications);
    if (m.sweep->options_sha256 != o.fingerprint) return "the options (--set, or the accord version)";
    return {};
}

std::string journal_block_record(long runs_end, long points_end, const std::string& runs_added,
                                 const std::string& points_added) {
    return fmt::format("block {} {} {} {}\n", runs_end, points_end, sha256_hex(runs_added), sha256_hex(points_added));
}

std::string sweep_state_text(const std::string& design, const SweepOptions& o, long points) {
    // The fingerprint of every input byte (the scenario and the tables it reads), when known.
    const std::string inputs =
        o.manifest.inputs_sha256.empty() ? "" : fmt::format("inputs_sha256={}\n", o.manifest.inputs_sha256);
    return fmt::format("scenario_sha256={}\n{}fingerprint={}\ndesign={}\npoints={}\nreplications={}\nshard={}/{}\n",
                       o.manifest.scenario_sha256, inputs, o.fingerprint, design, points, o.replications, o.shard.index,
                       o.shard.count);
}

void check_finished_sweep_files(const std::filesystem::path& dir) {
    const Manifest m = parse_manifest(read_file_bytes(dir / "manifest.json"));
    const std::pair<const char*, const std::string*> files[] = {{"runs.csv", &m.runs_csv_sha256},
                                                                {"points.csv", &m.points_csv_sha256}};
    for (const auto& [name, recorded] : files)
        if (!recorded->empty() && sha256_file(dir / name) != *recorded)
            throw SweepUsageError(
                fmt::format("'{}' holds a finished sweep whose {} was changed after it finished (its "
                            "SHA-256 is not the one manifest.json recorded); use --force to run it "
                            "again",
                            dir.string(), name));
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
    return m.sweep && m.scenario_sha256 == o.manifest.scenario_sha256 && m.inputs_sha256 == o.manifest.inputs_sha256 &&
           m.seed == o.manifest.seed && m.sweep->shard == fmt::format("{}/{}", shard.index, shard.count) &&
           m.sweep->replications == o.replications && m.sweep->options_sha256 == o.fingerprint;
}

void check_rank_directories(const std::filesystem::path& dir, int ranks, bool force) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir)) return;
    std::vector<fs::path> stale;
    int recorded = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        int k = 0, n = 0;
        char tail = 0;
        if (std::sscanf(name.c_str(), ".mpi-rank-%d-of-%d%c", &k, &n, &tail) != 2 || n == ranks) continue;
        stale.push_back(entry.path());
        recorded = n;
    }
    if (stale.empty()) return;
    if (force) {
        for (const auto& rank_dir : stale) fs::remove_all(rank_dir);
        return;
    }
    throw SweepUsageError(fmt::format(
        "'{}' holds an unfinished sweep run by mpirun with {} ranks ({}); {} would compute it again: finish it "
        "with 'mpirun -np {} accord sweep ... --resume', or replace it with --force",
        dir.string(), recorded, stale.front().filename().string(),
        ranks == 1 ? std::string("a sweep without mpirun") : fmt::format("a sweep with {} ranks", ranks), recorded));
}

bool holds_unfinished_sweep(const std::filesystem::path& dir) {
    return holds_any(dir, unfinished_sweep_file_names);
}

SweepStart start_sweep(const SweepOptions& o, const std::string& state, const JournalHeaders& headers) {
    const auto state_path = o.dir / sweep_state_file;
    SweepStart start;
    // The ranks of mpirun sweep into directories of their own, where none of another sweep lies.
    check_rank_directories(o.dir, 1, o.force);
    // What a writer killed here left (NAME.tmp.PID): a resumed or finished sweep keeps its results but
    // not those (the caller holds the directory's lock).
    remove_temporaries(o.dir);
    if (o.resume && std::filesystem::exists(state_path)) {
        if (const std::string recorded = read_file_bytes(state_path); recorded != state)
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options "
                            "(seed, --set, --runs, --shard) or input files (the scenario or a table it reads changed "
                            "since); use a new directory or --force. What differs: {}",
                            o.dir.string(), state_difference(recorded, state, o)));
        if (const auto done = resumable_points(o, headers)) {
            start.kind = SweepStart::Kind::continuing;
            start.points_done = *done;
            return start;
        }
    } else if (o.resume && holds_finished_sweep(o.dir)) {
        // Already complete: check it is the same sweep, then there is nothing to do.
        if (!finished_sweep_matches(o.dir, o, o.shard))
            throw SweepUsageError(
                fmt::format("'{}' holds a sweep made from another scenario or with other options, or from other "
                            "input files (the scenario or a table it reads changed since); use a new directory or "
                            "--force. What differs: {}",
                            o.dir.string(), finished_sweep_difference(o.dir, o, o.shard)));
        check_finished_sweep_files(o.dir);
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
