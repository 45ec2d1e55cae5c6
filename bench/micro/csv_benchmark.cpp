// The CSV writer: N rows of runs.csv of the frozen reference scenario formatted into memory (the
// results are 1000 real runs, cycled), one string per row as runs_row gives it, and as `accord run
// -o` writes them (append_runs_row into a reused block). Bytes per second are those of the text.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "accord/load.hpp"
#include "accord/plan.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "reference.hpp"

namespace {

struct Reference {
    accord::Scenario scenario;
    accord::RunPlan plan;
    std::vector<accord::RunResult> results;
};

const Reference& reference() {
    static const Reference r = [] {
        Reference out{accord::load_scenario(accord::bench::reference_path()), {}, {}};
        out.plan = accord::make_run_plan(out.scenario, accord::PlanRequest{});
        for (std::uint64_t k = 0; k < 1000; ++k)
            out.results.push_back(accord::simulate_run(out.scenario, out.plan.start, out.plan.draws,
                                                       out.plan.seed + k, false));
        return out;
    }();
    return r;
}

void runs_csv_rows(benchmark::State& state) {
    const Reference& r = reference();
    const auto rows = static_cast<std::size_t>(state.range(0));
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = accord::runs_header(r.scenario, r.plan.draws);
        for (std::size_t i = 0; i < rows; ++i)
            text += accord::runs_row(r.scenario, r.plan.draws, static_cast<long>(i), r.results[i % r.results.size()]);
        bytes += text.size();
        benchmark::DoNotOptimize(text);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(runs_csv_rows)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// As `accord run -o` writes runs.csv: one row and one 64 KiB block reused for every run.
void runs_csv_rows_reused(benchmark::State& state) {
    const Reference& r = reference();
    const auto rows = static_cast<std::size_t>(state.range(0));
    std::size_t bytes = 0;
    accord::CsvRow row;
    std::string block;
    for (auto _ : state) {
        block = accord::runs_header(r.scenario, r.plan.draws);
        for (std::size_t i = 0; i < rows; ++i) {
            accord::append_runs_row(block, row, r.scenario, r.plan.draws, static_cast<long>(i),
                                    r.results[i % r.results.size()]);
            if (block.size() >= (1u << 16)) {
                bytes += block.size();
                benchmark::DoNotOptimize(block.data());
                block.clear();
            }
        }
        bytes += block.size();
        benchmark::DoNotOptimize(block.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(runs_csv_rows_reused)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
