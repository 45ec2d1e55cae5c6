// The loader on the frozen reference scenario: from its file, and from its text already in memory
// (what is left is parsing and validation, without the file system).
#include <benchmark/benchmark.h>

#include "accord/csv.hpp"
#include "accord/load.hpp"
#include "reference.hpp"

namespace {

void load_reference_file(benchmark::State& state) {
    const std::string path = accord::bench::reference_path();
    for (auto _ : state) benchmark::DoNotOptimize(accord::load_scenario(path));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(accord::read_file_bytes(path).size()));
}
BENCHMARK(load_reference_file)->Unit(benchmark::kMicrosecond);

void load_reference_text(benchmark::State& state) {
    const std::string path = accord::bench::reference_path();
    const std::string text = accord::read_file_bytes(path);
    for (auto _ : state) benchmark::DoNotOptimize(accord::load_scenario_text(path, text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(load_reference_text)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
