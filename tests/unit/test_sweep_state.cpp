// Where a sweep starts in its directory (sim/runner, docs/sweeps.md): afresh, continuing an
// interrupted sweep, or already finished; and what --resume and --force refuse.
#include <catch2/catch.hpp>

#include "accord/manifest.hpp"
#include "accord/sweep_state.hpp"
#include "temp_dir.hpp"

using namespace accord;
using Catch::Matchers::Contains;

namespace {

SweepOptions options_for(const std::filesystem::path& dir) {
    SweepOptions o;
    o.dir = dir;
    o.replications = 3;
    o.fingerprint = "f1";
    o.manifest.scenario_sha256 = "s1";
    o.manifest.seed = 7;
    return o;
}

// Options with --resume, in a directory whose state file (of an unfinished sweep) holds `state`.
SweepOptions resuming(const test::TempDir& dir, const std::string& state) {
    auto o = options_for(dir.path());
    o.resume = true;
    test::write_text(dir / sweep_state_file, state);
    return o;
}

std::string usage_error(const SweepOptions& o, const std::string& state) {
    try {
        start_sweep(o, state);
    } catch (const SweepUsageError& e) {
        return e.what();
    }
    return "";
}

// A finished sweep's manifest as run_sweep writes it for `o`.
void write_finished(const SweepOptions& o) {
    Manifest m = o.manifest;
    m.sweep = SweepManifest{"grid", 4, o.replications, "0/1", o.fingerprint};
    test::write_text(o.dir / "manifest.json", manifest_json(m));
    test::write_text(o.dir / "runs.csv", "point\n");
    test::write_text(o.dir / "points.csv", "point\n");
}

}  // namespace

TEST_CASE("The state file says what a --resume must find again", "[sweep]") {
    SweepOptions o = options_for("unused");
    o.shard = Shard{1, 3};
    CHECK(sweep_state_text("grid", o, 12) ==
          "scenario_sha256=s1\nfingerprint=f1\ndesign=grid\npoints=12\nreplications=3\nshard=1/3\n");
}

TEST_CASE("An empty directory starts afresh with its state file", "[sweep]") {
    test::TempDir dir;
    const auto o = options_for(dir.path());
    const SweepStart start = start_sweep(o, "state\n");
    CHECK(start.kind == SweepStart::Kind::fresh);
    CHECK(start.points_done == 0);
    CHECK(test::read_text(dir / sweep_state_file) == "state\n");
}

TEST_CASE("Results are replaced only with --force", "[sweep]") {
    test::TempDir dir;
    auto o = options_for(dir.path());
    test::write_text(dir / "summary.csv", "x\n");
    CHECK_THAT(usage_error(o, "state\n"), Contains("already holds results: use --resume"));
    CHECK(std::filesystem::exists(dir / "summary.csv"));
    o.force = true;
    CHECK(start_sweep(o, "state\n").kind == SweepStart::Kind::fresh);
    CHECK_FALSE(std::filesystem::exists(dir / "summary.csv"));
}

TEST_CASE("Every command's result files are results to a sweep", "[sweep]") {
    // A sweep took a directory holding only compare.csv (or cases.csv, errors.csv, fitted.csv) for
    // empty and wrote beside it, and removed a sensitivity.csv without --force.
    for (const char* name : {"compare.csv", "sensitivity.csv", "cases.csv", "errors.csv", "fitted.csv"}) {
        INFO(name);
        test::TempDir dir;
        auto o = options_for(dir.path());
        test::write_text(dir / name, "x\n");
        CHECK_THAT(usage_error(o, "state\n"), Contains("already holds results"));
        CHECK(std::filesystem::exists(dir / name));
        o.force = true;
        CHECK(start_sweep(o, "state\n").kind == SweepStart::Kind::fresh);
        CHECK_FALSE(std::filesystem::exists(dir / name));
    }
}

TEST_CASE("A --resume continues with the points both journals hold in full", "[sweep]") {
    test::TempDir dir;
    const auto o = resuming(dir, "state\n");
    // 7 complete runs (2 points of 3 replications and one more) and a half-written row; points.csv
    // holds 2 points. The sweep goes on from point 2, its journals cut to 6 runs and 2 points.
    const std::string runs = "h\n0,0\n0,1\n0,2\n1,0\n1,1\n1,2\n2,0\n", points = "h\n0\n1\n";
    test::write_text(dir / "runs.csv.partial", runs + "2,1,");
    test::write_text(dir / "points.csv.partial", points);
    test::write_text(dir / sweep_blocks_file,
                     journal_block_record(2, 2, "h\n", "h\n") + journal_block_record(static_cast<long>(runs.size()),
                                                                                     static_cast<long>(points.size()),
                                                                                     runs.substr(2), points.substr(2)));
    const SweepStart start = start_sweep(o, "state\n");
    CHECK(start.kind == SweepStart::Kind::continuing);
    CHECK(start.points_done == 2);
    CHECK(test::read_text(dir / "runs.csv.partial") == "h\n0,0\n0,1\n0,2\n1,0\n1,1\n1,2\n");
    CHECK(test::read_text(dir / "points.csv.partial") == "h\n0\n1\n");

    // points.csv.partial behind runs.csv.partial (its last block unrecorded): the points decide.
    test::write_text(dir / sweep_blocks_file, journal_block_record(14, 4, "h\n0,0\n0,1\n0,2\n", "h\n0\n") +
                                                  journal_block_record(26, 4, "1,0\n1,1\n1,2\n", ""));
    CHECK(start_sweep(o, "state\n").points_done == 1);
    CHECK(test::read_text(dir / "runs.csv.partial") == "h\n0,0\n0,1\n0,2\n");
}

TEST_CASE("A --resume refuses journals that fail their checks", "[sweep]") {
    test::TempDir dir;
    const auto o = resuming(dir, "state\n");
    const std::string runs = "h\n0,0\n0,1\n0,2\n", points = "h\n0\n";
    auto write = [&](const std::string& r, const std::string& p) {
        test::write_text(dir / "runs.csv.partial", r);
        test::write_text(dir / "points.csv.partial", p);
        test::write_text(dir / sweep_blocks_file, journal_block_record(static_cast<long>(runs.size()),
                                                                       static_cast<long>(points.size()), runs, points));
    };
    write(runs, points);
    CHECK(start_sweep(o, "state\n").points_done == 1);
    write("h\n0,0\n0,1\n0,3\n", points);  // a digit changed
    CHECK_THAT(usage_error(o, "state\n"), Contains("does not match its checksum"));
    write("h\n0,0\n0,2\n", points);  // a line deleted: shorter than its record
    CHECK_THAT(usage_error(o, "state\n"), Contains("fail their check"));
    CHECK(test::read_text(dir / "runs.csv.partial") == "h\n0,0\n0,2\n");
    // Rows out of sequence, with a record that matches them: the sequence check refuses them.
    test::write_text(dir / "runs.csv.partial", "h\n0,0\n0,2\n0,1\n");
    test::write_text(dir / sweep_blocks_file, journal_block_record(14, 4, "h\n0,0\n0,2\n0,1\n", points));
    CHECK_THAT(usage_error(o, "state\n"), Contains("row 3 of runs.csv.partial is not point 0, replication 1"));
    // Another header than the sweep's.
    write(runs, points);
    try {
        start_sweep(o, "state\n", JournalHeaders{"point,replication\n", "point\n"});
        FAIL("no refusal");
    } catch (const SweepUsageError& e) {
        CHECK_THAT(e.what(), Contains("another header"));
    }
}

TEST_CASE("A --resume starts afresh when a journal lacks its header", "[sweep]") {
    test::TempDir dir;
    const auto o = resuming(dir, "state\n");
    test::write_text(dir / "runs.csv.partial", "h\nr0\n");
    test::write_text(dir / "points.csv.partial", "h");
    CHECK(start_sweep(o, "state\n").kind == SweepStart::Kind::fresh);
    CHECK_FALSE(std::filesystem::exists(dir / "runs.csv.partial"));
}

TEST_CASE("A --resume refuses an unfinished sweep made otherwise", "[sweep]") {
    test::TempDir dir;
    const auto o = resuming(dir, "other state\n");
    CHECK_THAT(usage_error(o, "state\n"), Contains("holds a sweep made from another scenario or with other options "
                                                   "(seed, --set, --runs, --shard)"));
}

TEST_CASE("A --resume of the same finished sweep has nothing to do, of another it refuses", "[sweep]") {
    test::TempDir dir;
    auto o = options_for(dir.path());
    write_finished(o);
    o.resume = true;
    CHECK(start_sweep(o, "state\n").kind == SweepStart::Kind::finished);
    CHECK(finished_sweep_matches(dir.path(), o, Shard{0, 1}));
    CHECK_FALSE(finished_sweep_matches(dir.path(), o, Shard{0, 2}));
    for (auto change : {+[](SweepOptions& x) { x.manifest.seed = 8; }, +[](SweepOptions& x) { x.replications = 4; },
                        +[](SweepOptions& x) { x.fingerprint = "f2"; },
                        +[](SweepOptions& x) { x.manifest.scenario_sha256 = "s2"; }}) {
        SweepOptions other = o;
        change(other);
        CHECK_FALSE(finished_sweep_matches(dir.path(), other, Shard{0, 1}));
        CHECK_THAT(usage_error(other, "state\n"), Contains("holds a sweep made from another scenario"));
    }
    CHECK(std::filesystem::exists(dir / "manifest.json"));
}

TEST_CASE("A --resume refuses results that are not a sweep", "[sweep]") {
    test::TempDir dir;
    auto o = options_for(dir.path());
    o.resume = true;
    test::write_text(dir / "runs.csv", "run\n");
    test::write_text(dir / "manifest.json", "{}\n");
    CHECK_THAT(usage_error(o, "state\n"), Contains("not a sweep --resume can finish"));
    CHECK(std::filesystem::exists(dir / "runs.csv"));
}
