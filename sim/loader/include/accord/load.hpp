// Reading and validating scenario files (docs/interface.md sections 2 and 3).
#pragma once

#include <string>
#include <vector>

#include "accord/diagnostics.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Bounds checked before any work starts (docs/reliability.md); a user may raise them with
// --limit NAME=N.
struct LoadLimits {
    std::size_t max_file_bytes = 64u << 20;
    int max_nesting = 64;
    int max_actors = 100000;
    int max_issues = 1000;
    long max_edges = 10000000;
    long max_rounds = 10000000;
    long max_runs = 100000000;
};

// Loads and validates a scenario; throws InputError carrying every problem found. Warnings (if
// any) are appended to `warnings` when given.
Scenario load_scenario(const std::string& path, const LoadLimits& limits = {}, Diagnostics* warnings = nullptr);
// The same for text already in memory; `path` names it in messages and locates `actors: {csv: F}`.
Scenario load_scenario_text(const std::string& path, const std::string& text, const LoadLimits& limits = {},
                            Diagnostics* warnings = nullptr);

// Sets one limit from "NAME=N" (file-bytes, nesting, actors, issues, edges, rounds, runs);
// returns "" or what is wrong.
std::string set_limit(LoadLimits& limits, const std::string& assignment);

// Checks `--set PATH=VALUE` overrides (docs/interface.md section 1), each like the file's value and
// then all together with the scenario (check_consistency), and returns them in order for a run
// plan (make_run_plan applies them and drops the uncertainty on their paths); the scenario is not
// changed. The decision rule stays the file's: a `--set` of `veto` never changes it. Throws
// InputError whose messages read "--set PATH=VALUE: error: ...".
std::vector<Override> parse_overrides(const Scenario& scenario, const std::vector<std::string>& assignments);

// Warnings of overrides that a later value replaces (values apply in the order file, --set, sweep
// point, event), each "--set PATH=VALUE: warning: ...": for each event that sets the same path (every
// command), and for each swept path (`accord sweep`). The command line prints them, Python warns of them.
std::vector<std::string> event_override_warnings(const Scenario& scenario, const std::vector<Override>& overrides);
std::vector<std::string> swept_override_warnings(const Scenario& scenario, const std::vector<Override>& overrides);

// Rules that hold across sections and must be checked again after overrides (events inside the
// simulated rounds, veto actors for veto-players, capability and salience on every issue).
void check_consistency(const Scenario& scenario, Diagnostics& diagnostics);

}  // namespace accord
