#include "interruptible.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>

#include <pybind11/pybind11.h>

#include "accord/monte_carlo.hpp"

namespace py = pybind11;

namespace accord::python {

namespace {

// A block of about a tenth of a second, whatever the scenario costs per run.
long next_block(long block, std::chrono::steady_clock::duration took) {
    const double seconds = std::chrono::duration<double>(took).count();
    if (seconds < 0.05) return std::min(block * 2, 1L << 20);
    if (seconds > 0.2) return std::max(block / 2, 1L);
    return block;
}

}  // namespace

void in_blocks(long runs, const std::function<void(long first, long count)>& block) {
    long size = 8;
    for (long done = 0; done < runs;) {
        const long count = std::min(size, runs - done);
        const auto start = std::chrono::steady_clock::now();
        {
            py::gil_scoped_release release;
            block(done, count);
        }
        size = next_block(size, std::chrono::steady_clock::now() - start);
        done += count;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
}

std::vector<RunResult> run_block(const Scenario& scenario, const RunPlan& plan, long first, long count) {
    RunPlan part = plan;
    part.seed = plan.seed + static_cast<std::uint64_t>(first);
    part.runs = count;
    part.trajectories = std::clamp(plan.trajectories - first, 0L, count);
    return run_monte_carlo(scenario, part);
}

void run_with_signals(const std::function<void()>& work, std::atomic<bool>& stop) {
    std::future<void> done;
    {
        py::gil_scoped_release release;
        done = std::async(std::launch::async, work);
    }
    for (;;) {
        {
            py::gil_scoped_release release;
            if (done.wait_for(std::chrono::milliseconds(50)) == std::future_status::ready) break;
        }
        if (PyErr_CheckSignals() != 0) {
            stop = true;
            {
                py::gil_scoped_release release;
                done.wait();
            }
            throw py::error_already_set();
        }
    }
    done.get();
}

}  // namespace accord::python
