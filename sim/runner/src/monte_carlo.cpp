#include "accord/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "lowest_failure.hpp"

namespace accord {

namespace {

std::vector<RunResult> run_batch(const Scenario& s, const Params& start, const std::vector<Uncertain>& draws,
                                 const BatchOptions& o) {
    std::vector<RunResult> results(static_cast<std::size_t>(o.runs));
    const RowsReuse reuse = RowsReuse::for_start(s, draws);
    // A failure names the lowest failing run, whatever the number of threads.
    detail::LowestFailure failure;
    tbb::parallel_for(tbb::blocked_range<long>(0, o.runs), [&](const tbb::blocked_range<long>& range) {
        for (long r = range.begin(); r != range.end(); ++r)
            failure.run(r, [&] {
                results[static_cast<std::size_t>(r)] =
                    simulate_run(s, start, draws, o.seed + static_cast<std::uint64_t>(r), r < o.trajectories,
                                 RoundPath::fast, reuse);
            });
    });
    failure.rethrow();
    return results;
}

}  // namespace

std::vector<RunResult> run_monte_carlo(const Scenario& s, const Params& start, const BatchOptions& o) {
    return run_batch(s, start, s.uncertainty, o);
}

std::vector<RunResult> run_monte_carlo(const Scenario& s, const RunPlan& plan) {
    BatchOptions batch;
    batch.runs = plan.runs;
    batch.seed = plan.seed;
    batch.trajectories = plan.trajectories;
    return run_batch(s, plan.start, plan.draws, batch);
}

void stream_monte_carlo(const Scenario& s, const RunPlan& plan, const RunConsumer& consume, long block_runs,
                        RunSpread spread) {
    block_runs = std::max(1L, block_runs);
    struct Block {
        long first = 0;
        std::vector<RunResult> runs;
        std::exception_ptr error;  // of the block's lowest failing run; the runs after it are not computed
    };
    using BlockPtr = std::shared_ptr<Block>;
    long next = 0;
    std::atomic<bool> failed{false};
    std::exception_ptr error;  // the first failure in run order (set by the last, serial stage only)
    const RowsReuse reuse = RowsReuse::for_start(s, plan.draws);
    // Blocks are computed in parallel, each on one thread, and consumed in order: a few blocks per
    // thread in flight keep every thread busy while one consumes. Within a run, the blocks are
    // computed one at a time, every thread joining the split rounds of the one run (run_spread.hpp).
    const auto tokens = static_cast<std::size_t>(4 * std::max(1, tbb::this_task_arena::max_concurrency()));
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, BlockPtr>(tbb::filter_mode::serial_in_order,
                                         [&](tbb::flow_control& control) -> BlockPtr {
                                             if (next >= plan.runs || failed.load()) {
                                                 control.stop();
                                                 return nullptr;
                                             }
                                             auto block = std::make_shared<Block>();
                                             block->first = next;
                                             next += std::min(block_runs, plan.runs - next);
                                             block->runs.resize(static_cast<std::size_t>(next - block->first));
                                             return block;
                                         }) &
            tbb::make_filter<BlockPtr, BlockPtr>(
                spread == RunSpread::within_run ? tbb::filter_mode::serial_in_order : tbb::filter_mode::parallel,
                [&](BlockPtr block) {
                    if (failed.load()) return block;  // a block before it failed: not computed, not consumed
                    for (std::size_t i = 0; i < block->runs.size(); ++i) {
                        const long r = block->first + static_cast<long>(i);
                        try {
                            block->runs[i] = simulate_run(s, plan.start, plan.draws,
                                                          plan.seed + static_cast<std::uint64_t>(r),
                                                          r < plan.trajectories, RoundPath::fast, reuse);
                        } catch (...) {
                            block->error = std::current_exception();
                            break;
                        }
                    }
                    return block;
                }) &
            tbb::make_filter<BlockPtr, void>(tbb::filter_mode::serial_in_order, [&](BlockPtr block) {
                // In run order: the first failing block holds the lowest failing run of the batch.
                if (error) return;
                if (block->error) {
                    error = block->error;
                    failed.store(true);
                    return;
                }
                try {
                    consume(block->first, block->runs);
                } catch (...) {
                    error = std::current_exception();
                    failed.store(true);
                }
            }));
    // Nothing is thrown through the pipeline: a cancelled oneTBB pipeline does not destroy the blocks
    // in flight (LeakSanitizer found them), so the blocks after a failure drain uncomputed instead.
    if (error) std::rethrow_exception(error);
}

}  // namespace accord
