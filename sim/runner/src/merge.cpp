#include "accord/merge.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "accord/csv.hpp"

namespace accord {

namespace {

struct ShardFiles {
    std::filesystem::path dir;
    Manifest manifest;  // a sweep's: manifest.sweep is set
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
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    Manifest m;
    try {
        m = parse_manifest(text.str());
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
            {"options_sha256", m.sweep->options_sha256}};
}

// Merges the sorted files `name` of every shard by their leading point number; checks the
// headers agree and returns the points seen with the shard that held each.
std::map<long, std::size_t> merge_file(const std::vector<ShardFiles>& shards, const std::string& name,
                                       AtomicFile& out) {
    std::vector<std::ifstream> in;
    std::vector<std::string> current;
    std::vector<bool> live;
    std::string header;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const auto path = shards[i].dir / name;
        in.emplace_back(path, std::ios::binary);
        if (!in.back()) throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
        std::string h;
        std::getline(in.back(), h);
        if (i == 0)
            header = h;
        else if (h != header)
            throw MergeError(
                fmt::format("'{}' has another header than '{}'", path.string(), (shards[0].dir / name).string()));
        std::string line;
        live.push_back(static_cast<bool>(std::getline(in.back(), line)));
        current.push_back(line);
    }
    out.write(header + "\n");
    std::map<long, std::size_t> seen;
    long previous = -1;
    std::size_t previous_shard = 0;
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
        seen.emplace(best_point, best);
        previous = best_point;
        previous_shard = best;
        out.write(current[best] + "\n");
        live[best] = static_cast<bool>(std::getline(in[best], current[best]));
    }
    return seen;
}

}  // namespace

void merge_sweeps(const std::vector<std::filesystem::path>& dirs, const std::filesystem::path& out,
                  const std::vector<std::string>& command_line) {
    if (dirs.empty()) throw MergeError("no shard directories given");
    std::vector<ShardFiles> shards;
    for (const auto& dir : dirs) shards.push_back({dir, read_shard_manifest(dir)});
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
    merge_file(shards, "runs.csv", runs);
    const auto seen = merge_file(shards, "points.csv", point_rows);
    for (long p = 0; p < points; ++p)
        if (!seen.count(p))
            throw MergeError(fmt::format("point {} of {} is in none of the shards: a shard is missing", p, points));
    if (static_cast<long>(seen.size()) != points)
        throw MergeError(fmt::format("the shards hold {} points, the sweep has {}", seen.size(), points));
    runs.commit();
    point_rows.commit();

    Manifest m = shards[0].manifest;
    m.command_line = command_line;
    m.runs = points * replications;
    m.threads = 0;
    m.end_time = utc_now();
    for (const auto& s : shards) {
        m.start_time = std::min(m.start_time, s.manifest.start_time);
        m.threads += s.manifest.threads;
    }
    m.sweep->shard = "0/1";
    m.scenario_b.clear();
    m.scenario_b_sha256.clear();
    write_file_atomically(out / "manifest.json", manifest_json(m));
}

}  // namespace accord
