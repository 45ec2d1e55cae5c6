// `--set PATH=VALUE` overrides (docs/interface.md section 1), applied to a loaded scenario.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/load.hpp"
#include "builder.hpp"

namespace accord {

using detail::process_path_problem;

void apply_overrides(Scenario& s, const std::vector<std::string>& assignments) {
    Diagnostics ds;
    for (const std::string& a : assignments) {
        const Location where{"--set " + a, 0, 0};
        const std::size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0) {
            ds.error(where, "expected PATH=VALUE, for example --set actors.DEU.capability=40");
            continue;
        }
        const std::string path_text = a.substr(0, eq);
        const std::string value_text = a.substr(eq + 1);
        std::string why;
        auto p = parse_param_path(path_text, s, why);
        if (!p) {
            ds.error(where, why);
            continue;
        }
        double value = 0;
        if (p->kind == ParamKind::reservation && value_text == "status-quo") {
            // A reservation from the status quo (docs/models.md section 16.5): needs a status quo on every issue.
            if (!s.has_status_quo() ||
                std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& i) { return !i.has_status_quo; })) {
                ds.error(where, fmt::format("{}=status-quo needs a status_quo on every issue of the file", path_text));
                continue;
            }
            s.base.actors[static_cast<std::size_t>(p->actor)].reservation_status_quo = true;
            std::erase_if(s.uncertainty, [&](const Uncertain& u) { return u.path == *p; });
            continue;
        }
        if (const std::string problem = process_path_problem(s, *p); !problem.empty()) {
            ds.error(where, problem);
            continue;
        }
        if (param_range(*p, s).boolean) {
            if (value_text != "true" && value_text != "false") {
                ds.error(where, fmt::format("{} must be true or false, found '{}'", path_text, value_text));
                continue;
            }
            value = value_text == "true";
        } else {
            const char* first = value_text.data();
            const char* last = first + value_text.size();
            auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec != std::errc() || ptr != last || value_text.empty()) {
                ds.error(where, fmt::format("{} must be a number, found '{}'", path_text, value_text));
                continue;
            }
            const std::string problem = check_param_value(*p, value, s);
            if (!problem.empty()) {
                ds.error(where, fmt::format("{} = {}", path_text, problem));
                continue;
            }
        }
        set_param(s.base, *p, value, s);
        std::erase_if(s.uncertainty, [&](const Uncertain& u) { return u.path == *p; });
    }
    if (!s.outcome.decision_given) {
        bool any_veto = false;
        for (const auto& a : s.base.actors) any_veto = any_veto || a.veto;
        s.outcome.decision = any_veto ? Decision::veto_players : Decision::unanimity;
    }
    if (!ds.has_errors()) {
        Diagnostics consistency;
        check_consistency(s, consistency);
        for (const auto& d : consistency.items())
            ds.error(Location{"--set " + fmt::format("{}", fmt::join(assignments, " --set ")), 0, 0},
                     fmt::format("after the overrides, {}", d.message));
    }
    if (ds.has_errors()) throw InputError(ds);
}

}  // namespace accord
