// accord sweep: the scenario's sweep design, whole, as shard K of N, or shared by the ranks of
// mpirun (rank 0 then merges the ranks' shards as `accord merge` would).
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "accord/merge.hpp"
#include "accord/result_files.hpp"
#include "accord/sweep.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"
#include "mpi.hpp"
#include "sweep_share.hpp"

namespace accord::app {

namespace {

std::filesystem::path rank_directory(const std::string& output, int rank, int size) {
    return std::filesystem::path(output) / fmt::format(".mpi-rank-{}-of-{}", rank, size);
}

// --shard and --resume/--force as given; prints (on the lead rank) and gives nullopt when they
// cannot be used.
std::optional<Shard> requested_shard(const SweepCommandOptions& options, int size, bool lead) {
    Shard shard;
    if (!options.shard.empty()) {
        auto parsed = parse_shard(options.shard);
        if (!parsed || size > 1) {
            if (lead)
                std::cerr << (size > 1 ? std::string("accord sweep: error: --shard cannot be combined with mpirun: the "
                                                     "ranks already share the points\n")
                                       : fmt::format("accord sweep: error: --shard takes K/N in plain decimal with 0 <= K < N, found "
                                                     "'{}'\n",
                                                     options.shard));
            return std::nullopt;
        }
        shard = *parsed;
    }
    if (options.resume && options.force) {
        if (lead) std::cerr << "accord sweep: error: --resume and --force exclude each other\n";
        return std::nullopt;
    }
    return shard;
}

// What rank 0 finds in the output directory before the ranks start.
enum class MpiVerdict : int {
    go = 0,
    failure = static_cast<int>(ExitStatus::failure),
    refused = static_cast<int>(ExitStatus::bad_input),
    already_done = 3,  // --resume of the same finished sweep: nothing to do
};

// As start_sweep decides for a sweep without mpirun, for the output directory the ranks' shards are
// merged into: rank directories of another number of ranks, a sweep left unfinished there without
// mpirun, or another command's results are refused (--force removes them, before any rank starts);
// a finished sweep is kept for --resume to confirm; a merge that did not finish (its runs.csv,
// points.csv or manifest.json beside this many ranks' directories) is made again by --resume.
MpiVerdict check_output_for_ranks(const SweepCommandOptions& options, const SweepOptions& o) {
    const std::filesystem::path out = options.output;
    try {
        check_rank_directories(out, mpi_size(), options.force);
        remove_temporaries(out);  // a killed merge's, which --resume merges again (rank 0 holds the lock)
        if (options.force) {
            remove_results(out);
            return MpiVerdict::go;
        }
        if (holds_unfinished_sweep(out)) {
            std::cerr << fmt::format(
                "accord sweep: error: '{}' holds an unfinished sweep run without mpirun; a sweep with {} ranks would "
                "compute it again: finish it with 'accord sweep ... --resume' without mpirun, or replace it with "
                "--force\n",
                options.output, mpi_size());
            return MpiVerdict::refused;
        }
        if (options.resume && holds_finished_sweep(out)) {
            if (finished_sweep_matches(out, o, Shard{0, 1})) {
                // As a resume without mpirun: the files must still be those the sweep finished with.
                check_finished_sweep_files(out);
                return MpiVerdict::already_done;
            }
            std::cerr << fmt::format(
                "accord sweep: error: '{}' holds a sweep made from another scenario or "
                "with other options; use a new directory or --force. What differs: {}\n",
                options.output, finished_sweep_difference(out, o, Shard{0, 1}));
            return MpiVerdict::refused;
        }
        // Files of another kind than a merge's are refused always; a merge's, but by --resume.
        const bool other = !results_in(out, finished_sweep_file_names).empty();
        if (other || (!options.resume && has_results(out))) {
            if (options.resume)
                std::cerr << fmt::format(
                    "accord sweep: error: '{}' holds results that are not a sweep --resume can "
                    "finish (no unfinished sweep, no finished one); use a new directory or --force\n",
                    options.output);
            else
                std::cerr << fmt::format(
                    "accord sweep: error: '{}' already holds results: use --resume to finish an "
                    "interrupted sweep, or --force to replace them\n",
                    options.output);
            return MpiVerdict::refused;
        }
    } catch (const std::exception& e) {
        return static_cast<MpiVerdict>(report_error(e, {"accord sweep", ""}));
    }
    return MpiVerdict::go;
}

// The worst status of every rank (every rank gets it).
ExitStatus worst_of_ranks(ExitStatus status) {
    return static_cast<ExitStatus>(mpi_max(exit_code(status)));
}

// Under mpirun: rank K runs shard K of N into a directory of its own inside the output, then
// rank 0 merges the shards into the output as `accord merge` would.
ExitStatus run_sweep_across_ranks(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                                  SweepOptions& o) {
    const int rank = mpi_rank(), size = mpi_size();
    const bool lead = rank == 0;
    const auto verdict =
        static_cast<MpiVerdict>(mpi_max(static_cast<int>(lead ? check_output_for_ranks(options, o) : MpiVerdict::go)));
    if (verdict == MpiVerdict::already_done) return ExitStatus::success;
    if (verdict != MpiVerdict::go) return static_cast<ExitStatus>(verdict);
    o.shard = Shard{rank, size};
    o.dir = rank_directory(options.output, rank, size);
    ExitStatus status = worst_of_ranks(run_sweep_share(common, options, s, o, lead));
    if (status != ExitStatus::success) return status;
    if (lead) {
        std::vector<std::filesystem::path> parts;
        for (int r = 0; r < size; ++r) parts.push_back(rank_directory(options.output, r, size));
        try {
            merge_sweeps(parts, options.output, common.command_line);
            for (const auto& part : parts) std::filesystem::remove_all(part);
        } catch (const std::exception& e) {
            // The ranks' own shards that do not merge are accord's failure, not bad input.
            std::cerr << fmt::format("accord sweep: error: merging the ranks' results: {}\n", e.what());
            status = ExitStatus::failure;
        }
    }
    return worst_of_ranks(status);
}

}  // namespace

ExitStatus sweep_command(const CommonOptions& common, const SweepCommandOptions& options) {
    const std::string start_time = utc_now();
    const int size = mpi_size();
    const bool lead = mpi_rank() == 0;
    // Every rank parses and loads alike, so every rank reaches the same verdict on bad input.
    const auto shard = requested_shard(options, size, lead);
    if (!shard) return ExitStatus::bad_input;
    const auto loaded = load_for_command(common, options.scenario, lead);
    if (!loaded) return ExitStatus::bad_input;
    const Scenario& s = loaded->scenario;
    if (!s.sweep) {
        // At 1:1, as the loader reports a missing required key.
        const InputError missing(Location{options.scenario, 1, 1}, "the scenario has no 'sweep' block: nothing to sweep");
        return lead ? report_error(missing, {"accord sweep", ""}) : ExitStatus::bad_input;
    }
    if (lead)
        for (const std::string& warning : swept_override_warnings(s, loaded->overrides)) std::cerr << warning << "\n";
    // A grid's points are computed as they run; the other designs are built whole first.
    ExitStatus too_big = ExitStatus::success;
    try {
        check_sweep_design_memory(*s.sweep);
    } catch (const MemoryBudgetError& e) {
        return report_error(e, {"accord sweep", ""});
    }
    const int threads = thread_count(common);
    if (!expected_utility_fits("sweep", s.model.dynamics == Dynamics::expected_utility, s.actor_count(), threads,
                               too_big))
        return too_big;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const RunPlan plan = plan_for_command(common, *loaded, 0, true);
    SweepOptions o = make_sweep_options(common, options, s, plan, threads, start_time);
    o.shard = *shard;
    // The output directory is locked for the whole command (under mpirun by rank 0, for all ranks).
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (lead) lock = lock_output("sweep", options.output, refused);
    if (size == 1) {
        if (!lock) return refused;
        return run_sweep_share(common, options, s, o, true);
    }
    if (const ExitStatus locked = worst_of_ranks(refused); locked != ExitStatus::success) return locked;
    return run_sweep_across_ranks(common, options, s, o);
}

}  // namespace accord::app
