// accord validate: every problem of every file, and the network's structural warnings.
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "accord/network.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"

namespace accord::app {

ExitStatus validate_command(const CommonOptions& common, const std::vector<std::string>& files) {
    const auto limits = limits_of(common);
    if (!limits) return ExitStatus::bad_input;
    bool all_valid = true;
    for (const std::string& file : files) {
        if (!yaml_fits_in_memory(file, static_cast<double>(limits->max_file_bytes))) {
            all_valid = false;
            continue;
        }
        try {
            Diagnostics load_warnings;
            const Scenario s = load_scenario(file, *limits, &load_warnings);
            std::cerr << format_diagnostics(load_warnings);
            PlanRequest request;
            request.overrides = parse_overrides(s, common.sets);
            // Without --set the plan's start is the scenario's own parameters: no copy of a
            // million actors' vectors and ten million edges just to read them.
            std::optional<Params> overridden;
            if (!request.overrides.empty()) overridden = make_run_plan(s, request).start;
            const Params& start = overridden ? *overridden : s.base;
            const Diagnostics warnings = network_warnings(s, start);
            std::cerr << format_diagnostics(warnings);
            if (!common.quiet)
                std::cout << fmt::format(
                    "{}: valid ({} actors, {} issues, {} influence edges, {} events){}\n", file, s.actors.size(),
                    s.issues.size(), start.edges.size(), s.events.size(),
                    warnings.items().size() + load_warnings.items().size() == 0
                        ? ""
                        : fmt::format(", {} warnings", warnings.items().size() + load_warnings.items().size()));
        } catch (const InputError& e) {
            report_error(e, {"accord validate", ""});
            all_valid = false;
        }
    }
    return all_valid ? ExitStatus::success : ExitStatus::bad_input;
}

}  // namespace accord::app
