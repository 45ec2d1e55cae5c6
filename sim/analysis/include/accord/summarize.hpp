// `accord summarize`: a runs.csv (of `accord run` or `accord sweep`) aggregated by some of its
// columns: agreement probability with its Wilson interval, and the mean and sd of the terms.
#pragma once

#include <string>
#include <vector>

namespace accord {

// A --bins PARAM=N: the --by column PARAM grouped by N equal-width bins (accord/bins.hpp) of its
// values over the whole file instead of by value.
struct SummarizeBins {
    std::string column;
    int count = 1;
};

// Reads `runs_csv` and returns the text of the summary table. Groups are ordered by their values
// (numerically where the values are numbers; binned columns by bin, labelled by their interval).
// Throws InputError naming the file for a missing file, a malformed table, an unknown column, a
// binned column that is not a --by column, or a binned cell that is not a finite number.
std::string summarize_runs_file(const std::string& runs_csv, const std::vector<std::string>& by,
                                const std::vector<SummarizeBins>& bins = {});

}  // namespace accord
