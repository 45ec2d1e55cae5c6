// What ties results to their input bytes (docs/reliability.md, "Result files"): the loader keeps
// the bytes it read (Scenario::inputs), SHA-256 piece by piece and of files, and the manifest's
// inputs, inputs_sha256 and file checksums through a round trip.
#include <catch2/catch.hpp>

#include <fstream>

#include "accord/csv.hpp"
#include "accord/load.hpp"
#include "accord/manifest.hpp"
#include "accord/sha256.hpp"
#include "accord/sweep.hpp"
#include "accord/sweep_state.hpp"
#include "support.hpp"
#include "temp_dir.hpp"

using namespace accord;
using Catch::Matchers::Contains;

TEST_CASE("SHA-256 of the FIPS 180-4 examples, whole, piece by piece and of a file", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK(sha256_hex(two_blocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // A million 'a's, given in pieces of every size from 1 to 130 bytes.
    const std::string million(1000000, 'a');
    Sha256 pieces;
    std::size_t at = 0;
    for (std::size_t size = 1; at < million.size(); size = size % 130 + 1) {
        const std::size_t n = std::min(size, million.size() - at);
        pieces.update(std::string_view(million).substr(at, n));
        at += n;
    }
    CHECK(pieces.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    test::TempDir dir;
    {
        std::ofstream out(dir.path() / "a.txt", std::ios::binary);
        out << million;
    }
    CHECK(sha256_file(dir.path() / "a.txt") == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK_THROWS_WITH(sha256_file(dir.path() / "missing"), Contains("cannot read"));
}

TEST_CASE("The loader keeps the bytes of the scenario and of its actor table, in the order read", "[load]") {
    const std::string file = test::source_path("tests/data/actors_table.yaml");
    const Scenario s = load_scenario(file);
    REQUIRE(s.inputs.size() == 2);
    CHECK(s.inputs[0].path == file);
    CHECK(s.inputs[0].bytes == read_file_bytes(file));
    CHECK(s.inputs[1].path == test::source_path("tests/data/actors_table.csv"));
    CHECK(s.inputs[1].bytes == read_file_bytes(test::source_path("tests/data/actors_table.csv")));
    // Text given in memory (as a pipe is read) is what is kept, not the file of that name.
    const Scenario inline_actors = load_scenario(test::source_path("tests/data/actors_inline.yaml"));
    REQUIRE(inline_actors.inputs.size() == 1);
    const std::string text = read_file_bytes(test::source_path("tests/data/fj1999_a.yaml"));
    const Scenario from_text = load_scenario_text("/dev/stdin", text);
    REQUIRE(from_text.inputs.size() == 1);
    CHECK(from_text.inputs[0].path == "/dev/stdin");
    CHECK(from_text.inputs[0].bytes == text);
}

TEST_CASE("inputs_sha256 is the SHA-256 of the digests in order, whatever the paths", "[manifest]") {
    const std::vector<ManifestInput> inputs = {{"a.yaml", "11"}, {"t.csv", "22"}};
    CHECK(inputs_fingerprint(inputs) == sha256_hex("11\n22\n"));
    CHECK(inputs_fingerprint({{"elsewhere/a.yaml", "11"}, {"x.csv", "22"}}) == inputs_fingerprint(inputs));
    CHECK(inputs_fingerprint({{"t.csv", "22"}, {"a.yaml", "11"}}) != inputs_fingerprint(inputs));
    CHECK(inputs_fingerprint({{"a.yaml", "11"}}) != inputs_fingerprint(inputs));
}

TEST_CASE("The manifest writes inputs and file checksums and reads them back", "[manifest]") {
    Manifest m;
    m.accord_version = "0.1.0";
    m.command_line = {"accord", "sweep", "a.yaml"};
    m.scenario = "dir\x01/\xff.yaml";  // a control character and a byte that is not UTF-8
    m.scenario_sha256 = "11";
    m.seed = 7;
    m.runs = 4;
    m.threads = 1;
    m.start_time = m.end_time = "2026-01-02T03:04:05Z";
    m.sweep = SweepManifest{"grid", 4, 1, "0/1", "cd34"};
    m.runs_csv_sha256 = "r1";
    m.points_csv_sha256 = "p1";
    m.inputs = {{"a.yaml", "11"}, {"t\x01.csv", "22"}};
    m.inputs_sha256 = inputs_fingerprint(m.inputs);
    const std::string text = manifest_json(m);
    CHECK_THAT(text,
               Contains("  \"options_sha256\": \"cd34\",\n  \"runs_csv_sha256\": \"r1\",\n"
                        "  \"points_csv_sha256\": \"p1\",\n  \"inputs\": [{\"path\":\"a.yaml\",\"sha256\":\"11\"}, "
                        "{\"path\":\"t\\u0001.csv\",\"sha256\":\"22\"}],\n  \"inputs_sha256\": \"" +
                        m.inputs_sha256 + "\"\n}\n"));
    CHECK_THAT(text, Contains("\"scenario\": \"dir\\u0001/\xef\xbf\xbd.yaml\""));  // U+FFFD: valid UTF-8
    Manifest back = parse_manifest(text);
    CHECK(back.inputs == m.inputs);
    CHECK(back.inputs_sha256 == m.inputs_sha256);
    CHECK(back.runs_csv_sha256 == "r1");
    CHECK(back.points_csv_sha256 == "p1");
    back.scenario = m.scenario;
    CHECK(back == m);
    // A manifest of an older version, without them, still reads (merge then checks rows only).
    Manifest old = m;
    old.inputs.clear();
    old.inputs_sha256.clear();
    old.runs_csv_sha256.clear();
    old.points_csv_sha256.clear();
    CHECK_THAT(manifest_json(old), !Contains("inputs") && !Contains("csv_sha256"));
    CHECK(parse_manifest(manifest_json(old)).inputs.empty());
    CHECK_THROWS_WITH(parse_manifest(R"({"scenario": "a", "scenario_sha256": "b", "accord_version": "c",
        "start_time": "d", "end_time": "e", "command_line": [], "seed": 1, "threads": 1, "runs": 1,
        "inputs": [{"path": "a"}], "inputs_sha256": "x"})"),
                      Contains("has no list of {path, sha256} 'inputs'"));
}

TEST_CASE("A resume compares the input fingerprint: in the state file and in a finished sweep's manifest", "[sweep]") {
    test::TempDir dir;
    SweepOptions o;
    o.dir = dir.path();
    o.replications = 3;
    o.fingerprint = "f1";
    o.manifest.scenario_sha256 = "s1";
    o.manifest.inputs_sha256 = "i1";
    CHECK(sweep_state_text("grid", o, 12) ==
          "scenario_sha256=s1\ninputs_sha256=i1\nfingerprint=f1\ndesign=grid\npoints=12\nreplications=3\nshard=0/1\n");
    Manifest m = o.manifest;
    m.inputs = {{"a.yaml", "s1"}};  // inputs_sha256 is written with its inputs
    m.sweep = SweepManifest{"grid", 12, 3, "0/1", "f1"};
    test::write_text(dir / "manifest.json", manifest_json(m));
    test::write_text(dir / "runs.csv", "");
    test::write_text(dir / "points.csv", "");
    CHECK(finished_sweep_matches(dir.path(), o, Shard{0, 1}));
    SweepOptions other_table = o;
    other_table.manifest.inputs_sha256 = "i2";
    CHECK_FALSE(finished_sweep_matches(dir.path(), other_table, Shard{0, 1}));
    CHECK(sweep_state_text("grid", other_table, 12) != sweep_state_text("grid", o, 12));
}
