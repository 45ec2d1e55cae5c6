#include "accord/merge.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "accord/csv.hpp"

namespace accord {

namespace {

struct ShardFiles {
    std::filesystem::path dir;
    std::map<std::string, std::string> manifest;
};

// A manifest's value, "" when the key is missing (manifests of older versions lack some).
std::string value_of(const std::map<std::string, std::string>& manifest, const std::string& key) {
    const auto it = manifest.find(key);
    return it == manifest.end() ? std::string() : it->second;
}

long leading_number(const std::string& line) {
    long value = 0;
    const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
    if (ec != std::errc() || ptr == line.data() || (ptr != line.data() + line.size() && *ptr != ',') || value < 0)
        throw MergeError(fmt::format("malformed row: '{}'", line.substr(0, 60)));
    return value;
}

// A whole number >= 0 from a shard's manifest, or a MergeError naming the file and the key.
unsigned long long manifest_number(const ShardFiles& shard, const std::string& key) {
    const std::string text = value_of(shard.manifest, key);
    unsigned long long value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size())
        throw MergeError(fmt::format("'{}' has no whole number '{}'", (shard.dir / "manifest.json").string(), key));
    return value;
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
    std::vector<ShardFiles> shards;  // manifests read with operator[]: a missing key reads as ""
    for (const auto& dir : dirs) {
        const auto path = dir / "manifest.json";
        std::ifstream in(path, std::ios::binary);
        if (!in) throw MergeError(fmt::format("'{}' is missing: is that shard finished?", path.string()));
        std::ostringstream text;
        text << in.rdbuf();
        auto manifest = parse_flat_json(text.str());
        if (!manifest || !manifest->count("shard"))
            throw MergeError(fmt::format("'{}' is not the manifest of a sweep", path.string()));
        shards.push_back({dir, *manifest});
        for (const char* key : {"scenario", "scenario_sha256", "design", "accord_version", "start_time"})
            if (value_of(shards.back().manifest, key).empty())
                throw MergeError(fmt::format("'{}' has no '{}'", path.string(), key));
        for (const char* key : {"seed", "points", "replications", "threads"}) manifest_number(shards.back(), key);
    }
    for (const char* key :
         {"scenario_sha256", "seed", "design", "points", "replications", "accord_version", "options_sha256"}) {
        for (const auto& s : shards)
            if (value_of(s.manifest, key) != value_of(shards[0].manifest, key))
                throw MergeError(fmt::format("'{}' and '{}' differ in {} ({} vs {}): they are not shards of one sweep",
                                             shards[0].dir.string(), s.dir.string(), key,
                                             value_of(shards[0].manifest, key), value_of(s.manifest, key)));
    }
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create the directory '{}': {}", out.string(), ec.message()));
    const long points = static_cast<long>(manifest_number(shards[0], "points"));
    const long replications = static_cast<long>(manifest_number(shards[0], "replications"));
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

    Manifest m;
    const auto& first = shards[0].manifest;
    m.accord_version = first.at("accord_version");
    m.command_line = command_line;
    m.scenario = first.at("scenario");
    m.scenario_sha256 = first.at("scenario_sha256");
    m.seed = static_cast<std::uint64_t>(manifest_number(shards[0], "seed"));
    m.runs = points * replications;
    m.threads = 0;
    m.start_time = first.at("start_time");
    m.end_time = utc_now();
    for (const auto& s : shards) {
        m.start_time = std::min(m.start_time, s.manifest.at("start_time"));
        m.threads += static_cast<int>(manifest_number(s, "threads"));
    }
    m.sweep = SweepManifest{first.at("design"), points, replications, "0/1", value_of(first, "options_sha256")};
    write_file_atomically(out / "manifest.json", manifest_json(m));
}

}  // namespace accord
