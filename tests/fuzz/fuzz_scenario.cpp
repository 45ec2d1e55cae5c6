// libFuzzer target: any bytes as a scenario file. The loader must refuse bad input with an
// InputError (never crash, hang or throw anything else); a scenario it accepts is simulated for a
// few rounds, where only a RunError may stop it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "accord/load.hpp"
#include "accord/run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    accord::LoadLimits limits;
    limits.max_actors = 32;
    limits.max_issues = 8;
    limits.max_edges = 256;
    limits.max_rounds = 1000;
    limits.max_runs = 1000;
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        accord::Scenario s = accord::load_scenario_text("fuzz.yaml", text, limits);
        s.base.rounds = std::min(s.base.rounds, 20);
        accord::simulate_run(s, s.base, 1, true);
    } catch (const accord::InputError&) {
    } catch (const accord::RunError&) {
    }
    return 0;
}
