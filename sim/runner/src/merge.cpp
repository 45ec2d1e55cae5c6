#include "accord/merge.hpp"
#include "accord/result_files.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/sha256.hpp"
#include "accord/sweep.hpp"

namespace accord {

namespace {

struct ShardFiles {
    std::filesystem::path dir;
    Manifest manifest;  // a sweep's: manifest.sweep is set
    Shard shard;        // as its manifest says
};

long leading_number(const std::string& line) {
    long value = 0;
    const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
    if (ec != std::errc() || ptr == line.data() || (ptr != line.data() + line.size() && *ptr != ',') || value < 0)
        throw MergeError(fmt::format("malformed row: '{}'", line.substr(0, 60)));
    return value;
}

// The manifest of a shard's directory, checked to be a finished sweep's.
Manifest read_shard_manifest(const std::filesystem::path& dir) {
    const auto path = dir / "manifest.json";
    if (!std::ifstream(path, std::ios::binary))
        throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
    const std::string text = read_file_bytes(path);  // a failed read is an error, not the file's end
    Manifest m;
    try {
        m = parse_manifest(text);
    } catch (const ManifestError& e) {
        if (!e.of_sweep()) throw MergeError(fmt::format("'{}' is not the manifest of a sweep", path.string()));
        throw MergeError(fmt::format("'{}' {}", path.string(), e.what()));
    }
    if (!m.sweep) throw MergeError(fmt::format("'{}' is not the manifest of a sweep", path.string()));
    const std::pair<const char*, const std::string*> names[] = {{"scenario", &m.scenario},
                                                                {"scenario_sha256", &m.scenario_sha256},
                                                                {"design", &m.sweep->design},
                                                                {"accord_version", &m.accord_version},
                                                                {"start_time", &m.start_time}};
    for (const auto& [key, value] : names)
        if (value->empty()) throw MergeError(fmt::format("'{}' has no '{}'", path.string(), key));
    return m;
}

// The values the shards of one sweep share, as text for messages.
std::vector<std::pair<std::string, std::string>> sweep_identity(const Manifest& m) {
    return {{"scenario_sha256", m.scenario_sha256},
            {"seed", std::to_string(m.seed)},
            {"design", m.sweep->design},
            {"points", std::to_string(m.sweep->points)},
            {"replications", std::to_string(m.sweep->replications)},
            {"accord_version", m.accord_version},
            {"options_sha256", m.sweep->options_sha256},
            {"inputs_sha256", m.inputs_sha256}};
}

// A finished shard's runs.csv and points.csv must be the bytes its sweep finished: the checksums
// its manifest recorded (manifests of older versions record none).
void check_shard_checksums(const ShardFiles& shard) {
    const Manifest& m = shard.manifest;
    const std::pair<const char*, const std::string*> files[] = {{"runs.csv", &m.runs_csv_sha256},
                                                                {"points.csv", &m.points_csv_sha256}};
    for (const auto& [name, recorded] : files) {
        if (recorded->empty()) continue;
        const auto path = shard.dir / name;
        if (!std::filesystem::exists(path))
            throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
        if (const std::string sum = sha256_file(path); sum != *recorded)
            throw MergeError(
                fmt::format("'{}' was changed after its sweep finished: its SHA-256 is {}, its manifest "
                            "recorded {}",
                            path.string(), sum, *recorded));
    }
}

// A field of a row as a whole number >= 0 (`index` counts from 0); -1 when missing or malformed.
long field_number(const std::string& line, int index) {
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) {
        start = line.find(',', start);
        if (start == std::string::npos) return -1;
        ++start;
    }
    unsigned long long value = 0;
    const char* end = line.data() + line.size();
    const auto [ptr, ec] = std::from_chars(line.data() + start, end, value);
    if (ec != std::errc() || ptr == line.data() + start || (ptr != end && *ptr != ',') ||
        value > static_cast<unsigned long long>(std::numeric_limits<long>::max()))
        return -1;
    return static_cast<long>(value);
}

// Checks each row of runs.csv as merged: every point's replications 0 .. R-1 in order, the run
// number p R + k and the seed the shard's manifest gives (seed + k). Rows lost, a shard emptied
// to its header, or rows from a sweep of another seed are refused.
class RunsCheck {
public:
    explicit RunsCheck(long replications) : reps_(replications) {}
    void row(const std::string& line, const ShardFiles& shard) {
        const long p = leading_number(line), k = field_number(line, 1), run = field_number(line, 2);
        std::string seed_field;  // the fourth field
        std::size_t at = 0;
        for (int i = 0; i < 3 && at != std::string::npos; ++i)
            at = line.find(',', at) == std::string::npos ? std::string::npos : line.find(',', at) + 1;
        if (at != std::string::npos) seed_field = line.substr(at, line.find(',', at) - at);
        const long want_k = p == point_ ? k_ + 1 : 0;
        if (p == point_ && k_ + 1 >= reps_)
            throw MergeError(fmt::format("'{}' holds more than {} replications of point {}",
                                         (shard.dir / "runs.csv").string(), reps_, p));
        if (p != point_) finish();
        if (k != want_k)
            throw MergeError(fmt::format("'{}' lacks replication {} of point {} (found {}): rows were lost",
                                         (shard.dir / "runs.csv").string(), want_k, p, k));
        long want_run = 0;
        if (__builtin_mul_overflow(p, reps_, &want_run) || __builtin_add_overflow(want_run, k, &want_run))
            want_run = -1;
        if (run != want_run || seed_field != std::to_string(shard.manifest.seed + static_cast<std::uint64_t>(k)))
            throw MergeError(
                fmt::format("'{}': the row of point {}, replication {} is not of this sweep (run {}, seed "
                            "{}; the manifest gives run {}, seed {})",
                            (shard.dir / "runs.csv").string(), p, k, run, seed_field, want_run,
                            shard.manifest.seed + static_cast<std::uint64_t>(k)));
        point_ = p;
        k_ = k;
        points_.push_back(p);
    }
    void finish() {
        if (point_ >= 0 && k_ + 1 != reps_)
            throw MergeError(fmt::format("point {} has {} of its {} replications in runs.csv: rows were lost", point_,
                                         k_ + 1, reps_));
    }
    std::vector<long> points() const {
        std::vector<long> p = points_;
        p.erase(std::unique(p.begin(), p.end()), p.end());
        return p;
    }

private:
    long reps_;
    long point_ = -1;
    long k_ = -1;
    std::vector<long> points_;
};

// Merges the sorted files `name` of every shard by their leading point number; checks the
// headers agree and returns the points seen with the shard that held each. `check` sees every
// row with its shard; `poll` is called every 4,096 rows (it throws to stop the merge).
std::map<long, std::size_t> merge_file(const std::vector<ShardFiles>& shards, const std::string& name, AtomicFile& out,
                                       const std::function<void()>& poll,
                                       const std::function<void(const std::string&, const ShardFiles&)>& check = {}) {
    std::vector<std::ifstream> in;
    std::vector<std::string> current;
    std::vector<bool> live;
    std::string header;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const auto path = shards[i].dir / name;
        in.emplace_back(path, std::ios::binary);
        if (!in.back()) throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
        const auto unreadable = [&] {
            return std::runtime_error(fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
        };
        std::string h;
        std::getline(in.back(), h);
        if (in.back().bad()) throw unreadable();
        if (i == 0)
            header = h;
        else if (h != header)
            throw MergeError(
                fmt::format("'{}' has another header than '{}'", path.string(), (shards[0].dir / name).string()));
        std::string line;
        live.push_back(static_cast<bool>(std::getline(in.back(), line)));
        if (in.back().bad()) throw unreadable();
        current.push_back(line);
    }
    out.write(header + "\n");
    std::map<long, std::size_t> seen;
    long previous = -1;
    std::size_t previous_shard = 0;
    long rows = 0;
    for (;;) {
        std::size_t best = shards.size();
        long best_point = 0;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            if (!live[i]) continue;
            const long p = leading_number(current[i]);
            if (best == shards.size() || p < best_point) {
                best = i;
                best_point = p;
            }
        }
        if (best == shards.size()) break;
        if (best_point == previous && best != previous_shard)
            throw MergeError(fmt::format("point {} is in both '{}' and '{}': the shards overlap", best_point,
                                         shards[previous_shard].dir.string(), shards[best].dir.string()));
        if (check) check(current[best], shards[best]);
        const Shard& of = shards[best].shard;
        if (best_point % of.count != of.index)
            throw MergeError(fmt::format("'{}' holds point {}, which is not of shard {}/{}",
                                         (shards[best].dir / name).string(), best_point, of.index, of.count));
        if (best_point == previous && name == "points.csv")
            throw MergeError(fmt::format("'{}' holds point {} twice", (shards[best].dir / name).string(), best_point));
        seen.emplace(best_point, best);
        previous = best_point;
        previous_shard = best;
        out.write(current[best] + "\n");
        live[best] = static_cast<bool>(std::getline(in[best], current[best]));
        // A failed read ends getline as the file's end would: the shard's rows would be cut short.
        if (!live[best] && in[best].bad())
            throw std::runtime_error(
                fmt::format("cannot read '{}': {}", (shards[best].dir / name).string(), std::strerror(errno)));
        if (++rows % 4096 == 0) poll();
    }
    return seen;
}

}  // namespace

void merge_sweeps(const std::vector<std::filesystem::path>& dirs, const std::filesystem::path& out,
                  const std::vector<std::string>& command_line, const std::atomic<bool>* interrupted) {
    const auto stop_if_interrupted = [&] {
        if (interrupted && interrupted->load())
            throw std::runtime_error(fmt::format("interrupted by a signal: '{}' was left as it was", out.string()));
    };
    if (dirs.empty()) throw MergeError("no shard directories given");
    std::vector<ShardFiles> shards;
    for (const auto& dir : dirs) {
        Manifest m = read_shard_manifest(dir);
        const auto shard = parse_shard(m.sweep->shard);
        if (!shard) throw MergeError(fmt::format("'{}' has no shard K/N", (dir / "manifest.json").string()));
        shards.push_back({dir, std::move(m), *shard});
    }
    const auto first = sweep_identity(shards[0].manifest);
    for (const auto& s : shards) {
        const auto identity = sweep_identity(s.manifest);
        for (std::size_t k = 0; k < identity.size(); ++k)
            if (identity[k].second != first[k].second)
                throw MergeError(fmt::format("'{}' and '{}' differ in {} ({} vs {}): they are not shards of one sweep",
                                             shards[0].dir.string(), s.dir.string(), first[k].first, first[k].second,
                                             identity[k].second));
    }
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create the directory '{}': {}", out.string(), ec.message()));
    const long points = shards[0].manifest.sweep->points;
    const long replications = shards[0].manifest.sweep->replications;
    AtomicFile runs(out / "runs.csv");
    AtomicFile point_rows(out / "points.csv");
    RunsCheck check(replications);
    merge_file(shards, "runs.csv", runs, stop_if_interrupted,
               [&](const std::string& line, const ShardFiles& shard) { check.row(line, shard); });
    check.finish();
    stop_if_interrupted();
    const auto seen = merge_file(shards, "points.csv", point_rows, stop_if_interrupted);
    std::vector<long> listed;
    for (const auto& [p, shard] : seen) listed.push_back(p);
    if (check.points() != listed) {
        std::vector<long> runs_points = check.points();
        std::vector<long> differ;
        std::set_symmetric_difference(listed.begin(), listed.end(), runs_points.begin(), runs_points.end(),
                                      std::back_inserter(differ));
        throw MergeError(
            fmt::format("point {} is in {} but not in {}: rows were lost", differ.front(),
                        std::binary_search(listed.begin(), listed.end(), differ.front()) ? "points.csv" : "runs.csv",
                        std::binary_search(listed.begin(), listed.end(), differ.front()) ? "runs.csv" : "points.csv"));
    }
    for (const auto& sh : shards) {
        long rows = 0;
        for (const auto& [p, shard] : seen)
            if (shards[shard].dir == sh.dir) rows += replications;
        if (rows != sh.manifest.runs)
            throw MergeError(fmt::format("'{}' holds {} runs, its manifest says {}: rows were lost",
                                         (sh.dir / "runs.csv").string(), rows, sh.manifest.runs));
    }
    for (long p = 0; p < points; ++p)
        if (!seen.count(p))
            throw MergeError(fmt::format("point {} of {} is in none of the shards: a shard is missing", p, points));
    if (static_cast<long>(seen.size()) != points)
        throw MergeError(fmt::format("the shards hold {} points, the sweep has {}", seen.size(), points));
    // Rows intact but bytes changed (a value edited): the checksums recorded at the shard's finish.
    for (const auto& s : shards) check_shard_checksums(s);
    stop_if_interrupted();
    // The new files reach the disk under their temporary names first: a full disk fails here, with the
    // older result untouched.
    runs.finish();
    point_rows.finish();
    Manifest m = shards[0].manifest;
    m.command_line = command_line;
    if (__builtin_mul_overflow(points, replications, &m.runs))
        throw MergeError(
            fmt::format("{} points x {} replications is more runs than accord can count", points, replications));
    m.threads = 0;
    m.end_time = utc_now();
    for (const auto& s : shards) {
        m.start_time = std::min(m.start_time, s.manifest.start_time);
        m.threads += s.manifest.threads;
    }
    m.sweep->shard = "0/1";
    m.scenario_b.clear();
    m.scenario_b_sha256.clear();
    m.runs_csv_sha256 = sha256_file(runs.temporary());
    m.points_csv_sha256 = sha256_file(point_rows.temporary());
    AtomicFile manifest(out / "manifest.json");
    manifest.write(manifest_json(m));
    manifest.finish();
    // Then the older result goes, its manifest before its files, and the new files are renamed, the
    // manifest last: a kill from here on leaves some of the new files and no manifest until the new one
    // is there, never an old file beside a new one.
    const bool older = std::filesystem::exists(out / "manifest.json") || std::filesystem::exists(out / "runs.csv") ||
                       std::filesystem::exists(out / "points.csv");
    for (const char* name : {"manifest.json", "runs.csv", "points.csv"}) std::filesystem::remove(out / name);
    if (older)  // the pictures drawn from the older result; without one they are the user's
        for (const char* name : picture_file_names) std::filesystem::remove(out / name);
    runs.commit();
    point_rows.commit();
    manifest.commit();
}

}  // namespace accord
