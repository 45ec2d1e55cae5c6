// The names of the files accord's commands write into an output directory.
#pragma once

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// Every command's result files, an unfinished sweep's journals and state files included: what a
// command finds in its output directory as results (its own or another command's), and what --force
// removes. One list, so that no command overlooks another's files (a sweep once took a directory
// holding compare.csv for empty, and removed a sensitivity.csv without --force).
inline constexpr std::array<const char*, 17> result_file_names = {"runs.csv",
                                                                  "points.csv",
                                                                  "manifest.json",
                                                                  "runs.csv.partial",
                                                                  "points.csv.partial",
                                                                  ".accord-sweep",
                                                                  ".accord-sweep-blocks",
                                                                  "summary.csv",
                                                                  "trajectory.csv",
                                                                  "terms.csv",
                                                                  "blockers.csv",
                                                                  "zopa.csv",
                                                                  "sensitivity.csv",
                                                                  "compare.csv",
                                                                  "cases.csv",
                                                                  "errors.csv",
                                                                  "fitted.csv"};

// A finished sweep's files (what a merge writes), the first three of result_file_names; an unfinished
// sweep's journals and state, the next four.
inline constexpr auto finished_sweep_file_names = std::span(result_file_names).first<3>();
inline constexpr auto unfinished_sweep_file_names = std::span(result_file_names).subspan<3, 4>();
static_assert(std::string_view(result_file_names[0]) == "runs.csv" &&
              std::string_view(result_file_names[1]) == "points.csv" &&
              std::string_view(result_file_names[2]) == "manifest.json" &&
              std::string_view(result_file_names[3]) == "runs.csv.partial" &&
              std::string_view(result_file_names[4]) == "points.csv.partial");  // 5 and 6: sweep_state.cpp

// The pictures analysis/plot.py draws from a directory's results (docs/interface.md, "analysis/plot.py"):
// whatever replaces the results (--force, a merge into an older result) removes them too, so that no
// picture is left beside results it was not drawn from.
inline constexpr std::array<const char*, 7> picture_file_names = {
    "trajectories.png", "terms.png", "agreement.png", "sweep.png", "sensitivity.png", "compare.png", "backtest.png"};

// Whether `dir` holds any of `names`; a file whose presence cannot be checked (a symlink loop, a
// directory it cannot search) counts as present, here and in results_in.
bool holds_any(const std::filesystem::path& dir, std::span<const char* const> names);

// Whether `dir` holds any of result_file_names.
bool has_results(const std::filesystem::path& dir);

// Which of result_file_names `dir` holds, but those in `own` (a command's own files), in the list's
// order.
std::vector<std::string> results_in(const std::filesystem::path& dir, std::span<const char* const> own = {});

// Removes the results from `dir`, and with them the pictures drawn from them; in a directory without
// results the pictures are the user's own (drawn from elsewhere) and stay. Also removes what
// remove_temporaries does.
void remove_results(const std::filesystem::path& dir);

// Removes the temporary files (NAME.tmp.PID or NAME.tmp.PID.N, AtomicFile's) of result files that a
// process killed while writing them left in `dir`; the caller holds the directory's lock.
void remove_temporaries(const std::filesystem::path& dir);

}  // namespace accord
