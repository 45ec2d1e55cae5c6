// Sweeps in shards and their merge (sim/runner): the shards merged are the bytes of the whole
// sweep, and merge refuses shards that are not one sweep.
#include <catch2/catch.hpp>

#include "accord/load.hpp"
#include "accord/manifest.hpp"
#include "accord/merge.hpp"
#include "accord/sweep.hpp"
#include "support.hpp"
#include "temp_dir.hpp"

using namespace accord;
using Catch::Matchers::Contains;

namespace {

// tests/data/sweep_small.yaml: 12 grid points, 3 replications each here.
struct SmallSweep {
    Scenario scenario = load_scenario(test::source_path("tests/data/sweep_small.yaml"));
    test::TempDir dir;

    SweepOptions options(const std::string& name, Shard shard, std::uint64_t seed = 42) const {
        SweepOptions o;
        o.dir = dir / name;
        o.replications = 3;
        o.start = scenario.base;  // the run plan of a command without --set
        o.draws = scenario.uncertainty;
        o.shard = shard;
        o.fingerprint = std::string("f");
        o.manifest = manifest(seed);
        return o;
    }
    static Manifest manifest(std::uint64_t seed) {
        Manifest m;
        m.accord_version = std::string("test");
        m.scenario = std::string("sweep_small.yaml");
        m.scenario_sha256 = std::string("s");
        m.seed = seed;
        m.threads = 1;
        m.start_time = std::string("2026-01-01T00:00:00Z");
        return m;
    }
    std::filesystem::path run(const std::string& name, Shard shard, std::uint64_t seed = 42) const {
        const SweepOutcome outcome = run_sweep(scenario, options(name, shard, seed));
        REQUIRE(outcome.complete);
        return dir / name;
    }
};

std::string merge_error(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out) {
    try {
        merge_sweeps(shards, out, {"accord", "merge"});
    } catch (const MergeError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("Shards merged are the whole sweep, row for row", "[merge]") {
    SmallSweep sweep;
    const auto whole = sweep.run("whole", Shard{0, 1});
    const auto s0 = sweep.run("s0", Shard{0, 3}), s1 = sweep.run("s1", Shard{1, 3}), s2 = sweep.run("s2", Shard{2, 3});
    const auto shard_manifest = parse_manifest(test::read_text(s1 / "manifest.json"));
    CHECK(shard_manifest.sweep->shard == "1/3");
    CHECK(shard_manifest.runs == 4 * 3);  // points 1, 4, 7, 10

    merge_sweeps({s2, s0, s1}, sweep.dir / "merged", {"accord", "merge"});
    for (const char* file : {"runs.csv", "points.csv"})
        CHECK(test::read_text(sweep.dir / "merged" / file) == test::read_text(whole / file));
    const Manifest merged = parse_manifest(test::read_text(sweep.dir / "merged" / "manifest.json"));
    CHECK(merged.sweep->shard == "0/1");
    CHECK(merged.sweep->points == 12);
    CHECK(merged.runs == 12 * 3);
    CHECK(merged.threads == 3);  // one per shard
    CHECK(merged.command_line == std::vector<std::string>{"accord", "merge"});
}

TEST_CASE("Merge refuses shards that are not one whole sweep", "[merge]") {
    SmallSweep sweep;
    const auto s0 = sweep.run("s0", Shard{0, 2}), s1 = sweep.run("s1", Shard{1, 2});
    const auto out = sweep.dir / "out";
    CHECK_THAT(merge_error({s0}, out), Contains("point 1 of 12 is in none of the shards"));
    CHECK_THAT(merge_error({s0, s0}, out), Contains("point 0 is in both"));
    const auto other_seed = sweep.run("seed7", Shard{1, 2}, 7);
    CHECK_THAT(merge_error({s0, other_seed}, out), Contains("differ in seed (42 vs 7)"));
    CHECK_THAT(merge_error({s0, sweep.dir / "nowhere"}, out), Contains("is missing: is that shard finished?"));
    CHECK_FALSE(std::filesystem::exists(out / "runs.csv"));
}

TEST_CASE("Merge reads the shards' manifests and names what is wrong", "[merge]") {
    SmallSweep sweep;
    const auto s0 = sweep.run("s0", Shard{0, 2}), s1 = sweep.run("s1", Shard{1, 2});
    const auto manifest = s1 / "manifest.json";
    const std::string good = test::read_text(manifest);
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        test::write_text(manifest, text.substr(0, at) + to + text.substr(at + from.size()));
    };
    replaced("\"points\": 12", "\"points\": \"many\"");
    CHECK_THAT(merge_error({s0, s1}, sweep.dir / "out"), Contains("has no whole number 'points'"));
    replaced("\"design\": \"grid\"", "\"design\": \"\"");
    CHECK_THAT(merge_error({s0, s1}, sweep.dir / "out"), Contains("has no 'design'"));
    replaced("\"shard\": \"1/2\"", "\"not_shard\": \"1/2\"");
    CHECK_THAT(merge_error({s0, s1}, sweep.dir / "out"), Contains("is not the manifest of a sweep"));
    test::write_text(manifest, "not json");
    CHECK_THAT(merge_error({s0, s1}, sweep.dir / "out"), Contains("is not the manifest of a sweep"));
    test::write_text(manifest, good);
    merge_sweeps({s0, s1}, sweep.dir / "out", {});
    CHECK(std::filesystem::exists(sweep.dir / "out" / "runs.csv"));
}

TEST_CASE("Shards are K/N with 0 <= K < N", "[sweep]") {
    REQUIRE(parse_shard("2/3"));
    CHECK(parse_shard("2/3")->index == 2);
    CHECK(parse_shard("2/3")->count == 3);
    for (const char* bad : {"3/3", "-1/3", "1/0", "1", "1/3x", "a/b", "/3", "1/", "01/2", "1/03", "00/2", "+1/3"})
        CHECK_FALSE(parse_shard(bad));
    CHECK(parse_shard("0/10"));
    CHECK(parse_shard("10/20")->index == 10);
}
