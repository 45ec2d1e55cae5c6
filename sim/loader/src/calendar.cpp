// The `calendar:` section: the date of round 0 and the length of a round.

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_calendar(const YAML::Node& node) {
    if (!r_.check_map(node, "calendar", {"start", "step"})) return;
    Calendar calendar;
    if (!node["start"]) {
        r_.error(r_.at(node), "calendar: missing required key 'start' (the date of round 0, YYYY-MM-DD)");
        return;
    }
    auto start = r_.text(node["start"], "calendar.start");
    if (!start) return;
    auto date = parse_date(*start);
    if (!date) {
        r_.error(r_.at(node["start"]),
                 fmt::format("calendar.start must be a valid date YYYY-MM-DD, found '{}'", *start));
        return;
    }
    calendar.start = *date;
    if (node["step"]) {
        auto step = r_.text(node["step"], "calendar.step");
        if (!step) return;
        auto days = parse_step(*step);
        if (!days) {
            r_.error(r_.at(node["step"]),
                     fmt::format("calendar.step must be Nd (days) or Nw (weeks) with N >= 1, found '{}'", *step));
            return;
        }
        calendar.step_days = *days;
    }
    s_.calendar = calendar;
}

}  // namespace accord::detail
