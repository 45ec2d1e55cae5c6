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
