// `accord summarize`: a runs.csv (of `accord run` or `accord sweep`) aggregated by some of its
// columns: agreement probability with its Wilson interval, and the mean and sd of the terms.
#pragma once

#include <string>
#include <vector>

namespace accord {

// Reads `runs_csv` and returns the text of the summary table. Groups are ordered by their values
// (numerically where the values are numbers). Throws InputError naming the file for a missing
// file, a malformed table or an unknown column.
std::string summarize_runs_file(const std::string& runs_csv, const std::vector<std::string>& by);

}  // namespace accord
