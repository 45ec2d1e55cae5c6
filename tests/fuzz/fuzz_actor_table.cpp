// libFuzzer target: any bytes as the CSV table of `actors: {csv: FILE}`. Errors must be
// InputErrors naming the table; an accepted table is simulated for a few rounds.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "accord/load.hpp"
#include "accord/run.hpp"

namespace {
const std::filesystem::path& directory() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("accord_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

const char* scenario = R"(accord: 1
issues:
  - {id: role}
  - {id: agenda, scale: [-5, 5]}
actors: {csv: actors.csv}
influence: []
outcome: {rule: nash}
)";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto table = directory() / "actors.csv";
    {
        std::ofstream out(table, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    accord::LoadLimits limits;
    limits.max_actors = 64;
    try {
        accord::Scenario s = accord::load_scenario_text((directory() / "s.yaml").string(), scenario, limits);
        s.base.rounds = 5;
        accord::simulate_run(s, s.base, 1, false);
    } catch (const accord::InputError&) {
    } catch (const accord::RunError&) {
    }
    return 0;
}
