// accord summarize: a runs.csv aggregated by some of its columns.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/summarize.hpp"
#include "commands.hpp"

namespace accord::app {

ExitStatus summarize_command(const CommonOptions& common, const std::string& runs_csv,
                             const std::vector<std::string>& by, const std::vector<std::string>& bins,
                             const std::string& output) {
    (void)common;
    for (std::size_t i = 0; i < by.size(); ++i)
        if (std::find(by.begin(), by.begin() + static_cast<long>(i), by[i]) != by.begin() + static_cast<long>(i)) {
            std::cerr << "accord summarize: error: --by " << by[i] << ": the column is given twice\n";
            return ExitStatus::bad_input;
        }
    std::vector<SummarizeBins> binned;
    for (const auto& b : bins) {
        const auto eq = b.rfind('=');
        const std::string column = b.substr(0, eq);
        if (std::any_of(binned.begin(), binned.end(), [&](const SummarizeBins& x) { return x.column == column; })) {
            std::cerr << "accord summarize: error: --bins " << b << ": the column " << column << " is given twice\n";
            return ExitStatus::bad_input;
        }
        binned.push_back({column, std::stoi(b.substr(eq + 1))});
    }
    std::error_code in_ec;
    if (!output.empty() && std::filesystem::equivalent(runs_csv, output, in_ec) && !in_ec) {
        std::cerr << "accord summarize: error: -o " << output
                  << " is the file summarized: writing it would replace the runs with their summary\n";
        return ExitStatus::bad_input;
    }
    std::string table;
    try {
        table = summarize_runs_file(runs_csv, by, binned);
    } catch (const InputError& e) {
        return report_error(e, {"accord summarize", ""});
    }
    if (output.empty()) {
        std::cout << table;
        return ExitStatus::success;
    }
    try {
        write_file_atomically(output, table);
    } catch (const std::exception& e) {
        return report_error(e, {"accord summarize", ""});
    }
    return ExitStatus::success;
}

}  // namespace accord::app
