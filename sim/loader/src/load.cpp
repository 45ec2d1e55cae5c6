// The public entry points of the loader (load.hpp); the sections are read by the private
// ScenarioBuilder (builder.hpp), one file per section.
#include "accord/load.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "accord/huge_pages.hpp"
#include "accord/stream_bytes.hpp"
#include "builder.hpp"
#include "yaml_text.hpp"

namespace accord {

namespace detail {

std::string read_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(Location{path, 0, 0}, "is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{path, 0, 0}, fmt::format("cannot open the file: {}", std::strerror(errno)));
    std::string text;
    // One allocation for a regular file of any size (a table of hundreds of megabytes is not
    // copied at each doubling); a pipe grows as it is read.
    if (const auto size = std::filesystem::file_size(path, ec); !ec) {
        text.reserve(std::min(size, max_bytes + 1));
        detail::advise_huge_pages(text.data(), text.capacity());
    }
    if (!append_stream_bytes(in, text, max_bytes))
        throw InputError(Location{path, 0, 0}, fmt::format("cannot read the file: {}", std::strerror(errno)));
    if (text.size() > max_bytes)
        throw InputError(
            Location{path, 0, 0},
            fmt::format("the file is larger than the limit of {} bytes (raise it with --limit file-bytes=N)",
                        max_bytes));
    return text;
}

}  // namespace detail

void check_consistency(const Scenario& s, Diagnostics& ds) {
    const Location top{s.file, 0, 0};
    const Params& p = s.base;
    bool any_capability = false, any_veto = false;
    for (const auto& a : p.actors) {
        any_capability = any_capability || a.capability > 0;
        any_veto = any_veto || a.veto;
    }
    if (!p.actors.empty() && !any_capability)
        ds.error(s.actors.front().where, "every actor has capability 0: at least one actor needs capability above 0");
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        bool weighted = false, both_above_0 = false;
        // The run weighs each actor by capability x salience: the product must not underflow.
        for (const auto& a : p.actors) {
            weighted = weighted || a.capability * a.salience[k] >= std::numeric_limits<double>::min();
            both_above_0 = both_above_0 || (a.capability > 0 && a.salience[k] > 0);
        }
        if (!weighted && !p.actors.empty())
            ds.error(s.issues[k].where,
                     both_above_0 ? fmt::format("issue '{}': no actor's capability x salience on it is at least {}, so "
                                                "no terms can be proposed (the products are too small for a double: "
                                                "rescale capabilities)",
                                                s.issues[k].id, format_number(std::numeric_limits<double>::min()))
                                  : fmt::format("issue '{}': no actor has both capability and salience above 0 on it, "
                                                "so no terms can be proposed",
                                                s.issues[k].id));
    }
    if (s.outcome.decision == Decision::veto_players && !any_veto)
        ds.error(s.outcome.decision_where.line > 0 ? s.outcome.decision_where : top,
                 s.outcome.decision_given
                     ? std::string("outcome.decision 'veto-players' needs at least one actor with veto: true")
                     // Only an override can take the file's last veto away: say where the rule came from.
                     : std::string("outcome.decision 'veto-players' (the default, as the file gives an actor veto: "
                                   "true) needs at least one actor with veto: true: write outcome.decision to "
                                   "decide without one"));
    for (const auto& e : s.events)
        if (e.round > p.rounds)
            ds.error(e.where, fmt::format("event{}: round {} is after the last simulated round {} (model.rounds)",
                                          e.name.empty() ? "" : fmt::format(" '{}'", e.name), e.round, p.rounds));
}

Scenario load_scenario(const std::string& path, const LoadLimits& limits, Diagnostics* warnings) {
    return load_scenario_text(path, detail::read_file(path, limits.max_file_bytes), limits, warnings);
}

std::string set_limit(LoadLimits& limits, const std::string& assignment) {
    const std::size_t eq = assignment.find('=');
    const std::string name = assignment.substr(0, eq);
    long long value = 0;
    if (eq != std::string::npos) {
        const char* first = assignment.data() + eq + 1;
        const char* last = assignment.data() + assignment.size();
        auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || ptr != last || value < 1) value = 0;
    }
    if (eq == std::string::npos || value < 1)
        return fmt::format("--limit {}: error: expected NAME=N with a whole number N >= 1", assignment);
    // The most each limit can be raised to (what its counter holds, or what a run can do); above it the
    // value is refused, never cut silently.
    const auto at_most = [&](long long most) {
        return value <= most ? std::string()
                             : fmt::format("--limit {}: error: {} can be raised to at most {}", assignment, name, most);
    };
    if (name == "file-bytes")
        limits.max_file_bytes = static_cast<std::size_t>(value);
    else if (name == "nesting" || name == "actors" || name == "issues" || name == "rounds") {
        const long long most = name == "nesting" ? 10000 : name == "actors" ? 100000000 : name == "issues" ? 1000000
                                                                                                          : 1000000000;
        if (auto problem = at_most(most); !problem.empty()) return problem;
        if (name == "nesting") limits.max_nesting = static_cast<int>(value);
        if (name == "actors") limits.max_actors = static_cast<int>(value);
        if (name == "issues") limits.max_issues = static_cast<int>(value);
        if (name == "rounds") limits.max_rounds = static_cast<long>(value);
    } else if (name == "edges")
        limits.max_edges = static_cast<long>(value);
    else if (name == "runs")
        limits.max_runs = static_cast<long>(value);
    else
        return fmt::format(
            "--limit {}: error: unknown limit '{}'; limits are file-bytes, nesting, actors, issues, edges, "
            "rounds and runs",
            assignment, name);
    return {};
}

Scenario load_scenario_text(const std::string& path, const std::string& text, const LoadLimits& limits,
                            Diagnostics* warnings) {
    if (text.size() > limits.max_file_bytes)
        throw InputError(Location{path, 0, 0}, fmt::format("the file is larger than the limit of {} bytes (raise it "
                                                           "with --limit file-bytes=N)",
                                                           limits.max_file_bytes));
    const YAML::Node root = detail::parse_yaml(path, text, limits.max_nesting);
    if (!root.IsDefined() || root.IsNull()) {
        // Only whitespace and comments make an empty file; anything else is text YAML read as nothing.
        bool content = false;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            const auto first = line.find_first_not_of(" \t\r");
            if (first != std::string::npos && line[first] != '#' && line.compare(first, 3, "---") != 0 &&
                line.compare(first, 3, "...") != 0)
                content = true;
        }
        if (content)
            throw InputError(Location{path, 1, 1},
                             "the file holds no scenario: expected a YAML mapping with the "
                             "keys 'accord', 'issues' and 'actors'");
    }
    Diagnostics ds;
    detail::YamlReader reader(path, ds);
    reader.may_alias(text.find('*') != std::string::npos);
    Scenario s;
    try {
        s = detail::ScenarioBuilder(reader, limits).load(root);
    } catch (const YAML::Exception& e) {
        ds.error(Location{path, e.mark.line + 1, e.mark.column + 1}, fmt::format("invalid YAML: {}", e.msg));
    }
    if (ds.has_errors()) throw InputError(ds);
    if (warnings) warnings->append(ds);
    s.inputs.insert(s.inputs.begin(), InputFile{path, text});  // the bytes loaded, even from a pipe
    return s;
}

}  // namespace accord
