// accord merge: the result directories of the shards of one sweep into the whole sweep's.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "accord/merge.hpp"
#include "accord/result_files.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "interrupt.hpp"

namespace accord::app {

ExitStatus merge_command(const CommonOptions& common, const std::vector<std::string>& shards,
                         const std::string& output) {
    std::vector<std::filesystem::path> dirs(shards.begin(), shards.end());
    for (const auto& shard : shards) {
        // The same directory by device and inode: through a symbolic link, '..' or a bind mount alike
        // (paths compared after weakly_canonical missed the bind mount). An output not yet made is no shard.
        std::error_code ec;
        if (std::filesystem::equivalent(output, shard, ec) && !ec) {
            std::cerr << fmt::format("accord merge: error: the output '{}' is the shard '{}': merging into it would "
                                     "replace that shard; use a new directory\n",
                                     output, shard);
            return ExitStatus::bad_input;
        }
    }
    ExitStatus refused = ExitStatus::success;
    const auto lock = lock_output("merge", output, refused);
    if (!lock) return refused;
    if (!refuse_other_results("merge", output, finished_sweep_file_names, refused)) return refused;
    try {
        remove_temporaries(output);  // of a merge killed while writing (we hold the lock)
    } catch (const std::exception& e) {
        return report_error(e, {"accord merge", ""});
    }
    // Ctrl-C or SIGTERM stops the merge before it replaces any file; once it has begun to, it finishes.
    const InterruptScope interrupts;
    try {
        merge_sweeps(dirs, output, common.command_line, InterruptScope::flag());
    } catch (const std::exception& e) {
        return report_error(e, {"accord merge", ""});
    }
    if (!common.quiet) std::cout << fmt::format("merged {} shards into {}/\n", shards.size(), output);
    return ExitStatus::success;
}

}  // namespace accord::app
