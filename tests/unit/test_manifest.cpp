// manifest.json written and read back (sim/output): the layout of docs/interface.md section 4, every
// value through a round trip, and the refusals merge and --resume rely on.
#include <catch2/catch.hpp>

#include "accord/manifest.hpp"

using namespace accord;
using Catch::Matchers::Contains;

namespace {

Manifest sweep_manifest() {
    Manifest m;
    m.accord_version = "0.1.0";
    m.command_line = {"accord", "sweep", "tests/data/sweep_small.yaml", "-o", "out dir/\"quoted\"\\ \t\x01 é"};
    m.scenario = "tests/data/sweep_small.yaml";
    m.scenario_sha256 = "ab12";
    m.seed = 18446744073709551615ull;  // the largest seed
    m.runs = 120;
    m.threads = 2;
    m.start_time = "2026-01-02T03:04:05Z";
    m.end_time = "2026-01-02T03:04:06Z";
    m.sweep = SweepManifest{"grid", 12, 10, "1/3", "cd34"};
    return m;
}

}  // namespace

TEST_CASE("A manifest is written one key per line, as docs/interface.md section 4 shows it", "[manifest]") {
    Manifest m;
    m.accord_version = "0.1.0";
    m.command_line = {"accord", "run", "a.yaml"};
    m.scenario = "a.yaml";
    m.scenario_sha256 = "ab12";
    m.seed = 2002;
    m.runs = 1000;
    m.threads = 4;
    m.start_time = "2026-01-02T03:04:05Z";
    m.end_time = "2026-01-02T03:04:06Z";
    CHECK(manifest_json(m) ==
          "{\n"
          "  \"accord_version\": \"0.1.0\",\n"
          "  \"command_line\": [\"accord\", \"run\", \"a.yaml\"],\n"
          "  \"scenario\": \"a.yaml\",\n"
          "  \"scenario_sha256\": \"ab12\",\n"
          "  \"seed\": 2002,\n"
          "  \"runs\": 1000,\n"
          "  \"threads\": 4,\n"
          "  \"start_time\": \"2026-01-02T03:04:05Z\",\n"
          "  \"end_time\": \"2026-01-02T03:04:06Z\"\n"
          "}\n");
    m.sweep = SweepManifest{"grid", 12, 10, "0/1", "cd34"};
    m.scenario_b = "b.yaml";
    m.scenario_b_sha256 = "ef56";
    CHECK_THAT(manifest_json(m), Contains("  \"end_time\": \"2026-01-02T03:04:06Z\",\n  \"design\": \"grid\",\n"
                                          "  \"points\": 12,\n  \"replications\": 10,\n  \"shard\": \"0/1\",\n"
                                          "  \"options_sha256\": \"cd34\",\n  \"scenario_b\": \"b.yaml\",\n"
                                          "  \"scenario_b_sha256\": \"ef56\"\n}\n"));
}

TEST_CASE("Strings are escaped as JSON and read back as they were", "[manifest]") {
    const Manifest m = sweep_manifest();
    const std::string text = manifest_json(m);
    CHECK_THAT(text, Contains(R"("out dir/\"quoted\"\\ \t\u0001 é")"));
    CHECK(parse_manifest(text) == m);
}

TEST_CASE("Every kind of manifest survives a round trip", "[manifest]") {
    Manifest run = sweep_manifest();
    run.sweep.reset();
    CHECK(parse_manifest(manifest_json(run)) == run);
    Manifest comparison = run;
    comparison.scenario_b = "b.yaml";
    comparison.scenario_b_sha256 = "ef56";
    CHECK(parse_manifest(manifest_json(comparison)) == comparison);
    const Manifest sweep = sweep_manifest();
    const Manifest back = parse_manifest(manifest_json(sweep));
    REQUIRE(back.sweep);
    CHECK(back.sweep->points == 12);
    CHECK(back.sweep->replications == 10);
    CHECK(back.seed == 18446744073709551615ull);
}

TEST_CASE("A manifest that cannot be read back names the key", "[manifest]") {
    const std::string good = manifest_json(sweep_manifest());
    auto with = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.substr(0, at) + to + text.substr(at + from.size());
    };
    auto problem = [](const std::string& text) -> std::string {
        try {
            parse_manifest(text);
        } catch (const ManifestError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(problem(with("\"points\": 12", "\"points\": \"many\"")) == "has no whole number 'points'");
    CHECK(problem(with("\"seed\": 18446744073709551615", "\"seed\": -1")) == "has no whole number 'seed'");
    CHECK(problem(with("\"threads\": 2", "\"threads\": 2.5")) == "has no whole number 'threads'");
    CHECK(problem(with("\"design\": \"grid\"", "\"design\": 3")) == "has no 'design'");
    CHECK(problem(with("\"scenario_sha256\"", "\"other\"")) == "has no 'scenario_sha256'");
    CHECK(problem("[1, 2]") == "is not a JSON object");
    CHECK(problem("{\"scenario\": ") == "is not a JSON object");
    // A sweep's manifest is one with a shard; the error says which it was.
    try {
        parse_manifest(with("\"points\": 12", "\"points\": \"many\""));
    } catch (const ManifestError& e) {
        CHECK(e.of_sweep());
    }
}

TEST_CASE("A sweep manifest of an older version without options_sha256 reads as an empty fingerprint", "[manifest]") {
    Manifest m = sweep_manifest();
    m.sweep->options_sha256 = "";
    std::string text = manifest_json(m);
    const std::string key = ",\n  \"options_sha256\": \"\"";
    text.erase(text.find(key), key.size());
    CHECK(parse_manifest(text) == m);
}

TEST_CASE("A path that is not UTF-8 is written readable and read back byte for byte", "[manifest]") {
    // Before, nlohmann-json wrote U+FFFD for the byte 0xff, and the path read back was another path.
    Manifest m = sweep_manifest();
    m.scenario = "in/dir\x01\tq\xffz/s.yaml";
    m.command_line = {"accord", "sweep", m.scenario, "-o", "out\x02\xfe"};
    m.working_directory = "/tmp/\xc3";
    m.inputs = {{m.scenario, "ab12"}, {"in/dir\x01\tq\xffz/a%.csv", "cd34"}};
    m.inputs_sha256 = inputs_fingerprint(m.inputs);
    m.scenario_b = "b\xff.yaml";
    m.scenario_b_sha256 = "ef56";
    const std::string text = manifest_json(m);
    CHECK_THAT(text, Contains(R"("scenario": "in/dir\u0001\tq)" "\xef\xbf\xbd" R"(z/s.yaml",)"));  // U+FFFD to read
    CHECK_THAT(text, Contains(R"("scenario_bytes": "in/dir%01%09q%FFz/s.yaml")"));
    CHECK_THAT(text, Contains(R"("path_bytes":"in/dir%01%09q%FFz/a%25.csv")"));
    CHECK_THAT(text, Contains(R"("command_line_bytes": ["accord", "sweep", "in/dir%01%09q%FFz/s.yaml", "-o", "out%02%FE"])"));
    CHECK_THAT(text, Contains(R"("working_directory_bytes": "/tmp/%C3")"));
    CHECK(parse_manifest(text) == m);
    // A UTF-8 path has no such key: manifests of ordinary paths keep their bytes.
    CHECK_THAT(manifest_json(sweep_manifest()), !Contains("_bytes"));
    CHECK_THROWS_AS(parse_manifest(R"({"scenario": "x", "scenario_bytes": "bad%F"})"), ManifestError);
}
