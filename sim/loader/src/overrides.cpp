// `--set PATH=VALUE` overrides (docs/interface.md section 1), checked against a loaded scenario.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/calendar.hpp"
#include "accord/load.hpp"
#include "builder.hpp"

namespace accord {

using detail::process_path_problem;

namespace {

// One assignment checked on its own; nullopt after reporting what is wrong.
std::optional<Override> parse_override(const Scenario& s, const std::string& a, Diagnostics& ds) {
    const Location where{"--set " + a, 0, 0};
    const std::size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
        ds.error(where, "expected PATH=VALUE, for example --set actors.DEU.capability=40");
        return std::nullopt;
    }
    const std::string path_text = a.substr(0, eq);
    const std::string value_text = a.substr(eq + 1);
    std::string why;
    auto p = parse_param_path(path_text, s, why);
    if (!p) {
        ds.error(where, why);
        return std::nullopt;
    }
    Override o{*p, 0, false, a};
    if (p->kind == ParamKind::reservation && value_text == "status-quo") {
        // A reservation from the status quo (docs/models.md section 16.5): needs a status quo on every issue.
        if (!s.has_status_quo() ||
            std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& i) { return !i.has_status_quo; })) {
            ds.error(where, fmt::format("{}=status-quo needs a status_quo on every issue of the file", path_text));
            return std::nullopt;
        }
        o.reservation_status_quo = true;
        return o;
    }
    // outcome.margin is checked after all the overrides (parse_overrides): an earlier --set may give
    // the status-quo reservation it needs, or take the last one away.
    if (const std::string problem = process_path_problem(s, *p); !problem.empty() && p->kind != ParamKind::margin) {
        ds.error(where, problem);
        return std::nullopt;
    }
    if (param_range(*p, s).boolean) {
        if (value_text != "true" && value_text != "false") {
            ds.error(where, fmt::format("{} must be true or false, found '{}'", path_text, value_text));
            return std::nullopt;
        }
        o.value = value_text == "true";
        return o;
    }
    const char* first = value_text.data();
    const char* last = first + value_text.size();
    auto [ptr, ec] = std::from_chars(first, last, o.value);
    if (ec != std::errc() || ptr != last || value_text.empty()) {
        ds.error(where, fmt::format("{} must be a number, found '{}'", path_text, value_text));
        return std::nullopt;
    }
    if (!std::isfinite(o.value)) {
        ds.error(where, fmt::format("{} must be a finite number, found '{}'", path_text, value_text));
        return std::nullopt;
    }
    if (std::fabs(o.value) < std::numeric_limits<double>::min() && detail::nonzero_mantissa(value_text)) {
        ds.error(where, path_text + " " + detail::below_normal(value_text, o.value));
        return std::nullopt;
    }
    if (const std::string problem = check_param_value(*p, o.value, s); !problem.empty()) {
        ds.error(where, fmt::format("{} = {}", path_text, problem));
        return std::nullopt;
    }
    return o;
}

}  // namespace

std::vector<std::string> event_override_warnings(const Scenario& s, const std::vector<Override>& overrides) {
    std::vector<std::string> out;
    // An event that sets a path --set gave replaces the value from its round on (a tougher reservation
    // undone by the event that softened it).
    for (const Override& o : overrides)
        for (const Event& e : s.events)
            for (const Assignment& a : e.set)
                if (a.path == o.path)
                    out.push_back(
                        fmt::format("--set {}: warning: {} of {} sets '{}' at round {} (line {}): from then "
                                    "on the event's value holds, not this one",
                                    o.text, e.name.empty() ? "an event" : fmt::format("event '{}'", e.name), s.file,
                                    param_path_name(o.path, s), e.round, a.where.line));
    return out;
}

std::vector<std::string> swept_override_warnings(const Scenario& s, const std::vector<Override>& overrides) {
    std::vector<std::string> out;
    if (!s.sweep) return out;
    for (const Override& o : overrides)
        for (const auto& p : s.sweep->parameters)
            if (o.path == p.path)
                out.push_back(fmt::format("--set {}: warning: '{}' is swept: every design point replaces this value",
                                          o.text, p.name));
    return out;
}

std::vector<Override> parse_overrides(const Scenario& s, const std::vector<std::string>& assignments) {
    Diagnostics ds;
    std::vector<Override> overrides;
    for (const std::string& a : assignments)
        if (auto o = parse_override(s, a, ds)) overrides.push_back(std::move(*o));
    if (!ds.has_errors() && !overrides.empty()) {
        // The rules across sections, on the scenario as the overrides leave it (a copy: the loaded
        // scenario stays as loaded).
        Scenario after = s;
        apply_overrides(after.base, after.uncertainty, overrides, s);
        Diagnostics consistency;
        check_consistency(after, consistency);
        // outcome.margin, wherever it is given (the file's key, --set, drawn, swept or set by an event),
        // needs a status-quo reservation as the overrides leave the actors.
        const auto is_margin = [](const ParamPath& path) { return path.kind == ParamKind::margin; };
        bool margin =
            s.outcome.margin_given ||
            std::any_of(overrides.begin(), overrides.end(), [&](const Override& o) { return is_margin(o.path); }) ||
            std::any_of(s.uncertainty.begin(), s.uncertainty.end(),
                        [&](const Uncertain& u) { return is_margin(u.path); });
        if (s.sweep)
            for (const SweepParameter& sp : s.sweep->parameters) margin = margin || is_margin(sp.path);
        for (const Event& e : s.events)
            for (const Assignment& a : e.set) margin = margin || is_margin(a.path);
        ParamPath margin_path;
        margin_path.kind = ParamKind::margin;
        if (const std::string problem = process_path_problem(after, margin_path); margin && !problem.empty())
            consistency.error(Location{after.file, 0, 0}, problem);
        // Dates are written YYYY-MM-DD (calendar.cpp checks the file's own rounds the same way).
        if (after.calendar && after.calendar->date_of(after.base.rounds).days > parse_date("9999-12-31")->days)
            consistency.error(Location{after.file, 0, 0},
                              fmt::format("calendar: round {} would fall after 9999-12-31; dates are written "
                                          "YYYY-MM-DD: set fewer rounds",
                                          after.base.rounds));
        for (const auto& d : consistency.items())
            ds.error(Location{"--set " + fmt::format("{}", fmt::join(assignments, " --set ")), 0, 0},
                     fmt::format("after the overrides, {}", d.message));
    }
    if (ds.has_errors()) throw InputError(ds);
    return overrides;
}

}  // namespace accord
