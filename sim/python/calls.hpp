// What the Python functions do, in C++: the same library calls as the commands of sim/app, the
// same result files (written by the output part, never formatted here), errors as exceptions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/scenario.hpp"

namespace accord::python {

// A scenario file as loaded by accord.load: its path (for the manifests) and its model.
struct LoadedFile {
    std::string path;
    Scenario scenario;
    std::vector<std::string> warnings;  // the loader's, as the command line prints them (Python warns of each)
};

// The options every call shares, as the command line's --set, --seed, --runs, --threads.
struct Request {
    std::vector<std::string> sets;  // "PATH=VALUE"
    std::optional<std::uint64_t> seed;
    std::optional<long> runs;
    int threads = 0;  // 0: all cores
    std::vector<std::string> call;  // what the manifest records as the command line
};

LoadedFile load_file(const std::string& path);

// `accord run -o DIR`: the text of each result file (runs.csv, summary.csv, ...) by name.
// trajectories: runs that record their rounds (nullopt: all).
std::map<std::string, std::string> run_files(const LoadedFile& file, const Request& request,
                                             std::optional<long> trajectories);

// `accord compare A B -o DIR`: the text of compare.csv.
std::string compare_text(const LoadedFile& a, const LoadedFile& b, const Request& request);

// `accord summarize RUNS --by BY... --bins COLUMN=N...`: the text of the table.
std::string summarize_text(const std::string& runs_csv, const std::vector<std::string>& by,
                           const std::vector<std::pair<std::string, int>>& bins);

// `accord sweep -o DIR` and `accord sensitivity -o DIR`: the files written into `output`.
struct DirectoryRequest {
    std::string output;
    bool resume = false;
    bool force = false;
};
void sweep_into(const LoadedFile& file, const Request& request, const DirectoryRequest& where);
// over: "sweep" (the sweep block's parameters) or "uncertainty" (the drawn ones), as --over. Gives the
// notes and warnings the command line prints on stderr (points_without_deal_notes, wide_interval_warnings),
// for the module to warn with.
std::vector<std::string> sensitivity_into(const LoadedFile& file, const Request& request,
                                          const DirectoryRequest& where, const std::string& method,
                                          std::optional<long> samples, const std::string& over = "sweep");

// A sweep or study stopped by KeyboardInterrupt: the directory holds what `accord sweep` leaves on
// Ctrl-C (finished points, resumable); the call raises.
class Interrupted : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace accord::python
