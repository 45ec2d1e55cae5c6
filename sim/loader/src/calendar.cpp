// The `calendar:` section: the date of round 0 and the length of a round.
#include <algorithm>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {

// The text of `node` read by `parse`; nullopt, after reporting "<what> must be <form>, found '...'",
// when it is not text or `parse` refuses it.
template <class Parse>
auto parsed(YamlReader& r, const YAML::Node& node, const std::string& what, const char* form, Parse parse)
    -> decltype(parse(std::string())) {
    const auto text = r.text(node, what);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) r.error(r.at(node), fmt::format("{} must be {}, found '{}'", what, form, *text));
    return value;
}

// The most rounds any run may simulate: model.rounds, or the largest value an event, a sweep or a
// distribution in `uncertainty` may give it (a normal distribution: the largest valid value).
long most_rounds(const Scenario& s) {
    double most = s.base.rounds;
    if (s.sweep)
        for (const auto& p : s.sweep->parameters)
            if (p.path.kind == ParamKind::rounds) {
                for (double v : p.values) most = std::max(most, v);
                if (p.hi) most = std::max(most, *p.hi);
            }
    for (const auto& e : s.events)
        for (const auto& a : e.set)
            if (a.path.kind == ParamKind::rounds) most = std::max(most, a.value);
    for (const auto& u : s.uncertainty)
        if (u.path.kind == ParamKind::rounds) {
            if (u.distribution.kind == DistributionKind::normal)
                most = std::max(most, param_range(u.path, s).hi);
            else
                for (double v : u.distribution.args) most = std::max(most, v);
        }
    return static_cast<long>(std::clamp(most, 0.0, 1e9));  // a value out of range is reported elsewhere
}

}  // namespace

// Dates are written YYYY-MM-DD: the last round a run may reach must fall by 9999-12-31.
void ScenarioBuilder::check_calendar_end(const Location& key) {
    if (!s_.calendar) return;
    const Date last = *parse_date("9999-12-31");
    const long rounds = most_rounds(s_);
    const Date end = s_.calendar->date_of(static_cast<int>(rounds));
    if (end.days > last.days)
        r_.error(key, fmt::format("calendar: round {} would fall after 9999-12-31 (start {} + {} rounds of {} days); "
                                  "dates are written YYYY-MM-DD: start earlier, take shorter steps or fewer rounds",
                                  rounds, format_date(s_.calendar->start), rounds, s_.calendar->step_days));
}

void ScenarioBuilder::load_calendar(const YAML::Node& node) {
    if (!r_.check_map(node, "calendar", {"start", "step", "snap"})) return;
    Calendar calendar;
    if (!node["start"]) {
        r_.error(r_.at(node), "calendar: missing required key 'start' (the date of round 0, YYYY-MM-DD)");
        return;
    }
    const auto date = parsed(r_, node["start"], "calendar.start", "a valid date YYYY-MM-DD",
                             [](const std::string& t) { return parse_date(t); });
    if (!date) return;
    calendar.start = *date;
    if (node["step"]) {
        const auto days = parsed(r_, node["step"], "calendar.step", "Nd (days) or Nw (weeks) with N >= 1",
                                 [](const std::string& t) { return parse_step(t); });
        if (!days) return;
        calendar.step_days = *days;
    }
    if (node["snap"]) {
        const auto snap = r_.choice(node["snap"], "calendar.snap", {"exact", "nearest"});
        if (!snap) return;
        calendar.snap_nearest = *snap == "nearest";
    }
    s_.calendar = calendar;
}

}  // namespace accord::detail
