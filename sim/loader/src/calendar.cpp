// The `calendar:` section: the date of round 0 and the length of a round.

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

void ScenarioBuilder::load_calendar(const YAML::Node& node) {
    if (!r_.check_map(node, "calendar", {"start", "step"})) return;
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
    s_.calendar = calendar;
}

}  // namespace accord::detail
