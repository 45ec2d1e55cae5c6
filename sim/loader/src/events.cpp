// The `events:` section: parameter changes and meetings at given rounds or dates.
#include <algorithm>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_events(const YAML::Node& node) {
    if (!r_.check_sequence(node, "events")) return;
    int previous_round = -1;
    int previous_line = 0;
    // Reads one event into s_.events; false when it is refused (its errors reported).
    auto load_event = [&](const YAML::Node& item) {
        if (!r_.check_map(item, "event", {"at", "name", "set", "meeting"})) return false;
        Event event;
        event.where = r_.at(item);
        if (item["name"]) set_if_read(event.name, r_.text(item["name"], "event: name"));
        const std::string what = event.name.empty() ? std::string("event") : fmt::format("event '{}'", event.name);
        if (!item["at"]) {
            r_.error(event.where, what + ": missing required key 'at' (a date or a round number)");
            return false;
        }
        const YAML::Node& at = item["at"];
        const auto round = event_round(at, what);
        if (!round) return false;
        event.round = *round;
        if (event.round < previous_round)
            r_.error(r_.at(at), fmt::format("{}: events must be in date order: round {} comes before the previous "
                                            "event's round {} (line {})",
                                            what, event.round, previous_round, previous_line));
        // The latest event so far, with its own line (the line of the event just before named a round
        // not its own when that event was itself out of order).
        if (event.round >= previous_round) {
            previous_round = event.round;
            previous_line = event.where.line;
        }
        if (item["meeting"]) set_if_read(event.meeting, r_.boolean(item["meeting"], what + ": meeting"));
        if (!item["set"]) {
            if (!event.meeting) {
                r_.error(event.where, what +
                                          ": missing required key 'set' (parameter paths and their new values; "
                                          "only a meeting, with meeting: true, may have no 'set')");
                return false;
            }
        } else if (!event_set(item["set"], what, event)) {
            return false;
        }
        s_.events.push_back(event);
        return true;
    };
    for (const auto& item : node) {
        if (load_event(item)) continue;
        bool meeting = false;
        if (item.IsMap() && item["meeting"] && item["meeting"].IsScalar() &&
            YAML::convert<bool>::decode(item["meeting"], meeting) && meeting)
            meeting_refused_ = true;
    }
}

// The round of `at: N` or of `at: DATE` on the calendar; nullopt after reporting.
std::optional<int> ScenarioBuilder::event_round(const YAML::Node& at, const std::string& what) {
    long long round_number = 0;
    if (at.IsScalar() && at.Tag() != "!" && YAML::convert<long long>::decode(at, round_number)) {
        if (round_number < 0) {
            r_.error(r_.at(at), fmt::format("{}: round {} is negative", what, round_number));
            return std::nullopt;
        }
        // yaml-cpp reads 010 as octal and 0x10 as hexadecimal (YAML 1.1), and +3 as 3: a round is
        // digits only, as every whole number (YamlReader::integer).
        const std::string& text = at.Scalar();
        if (text.find_first_not_of("0123456789") != std::string::npos || (text.size() > 1 && text[0] == '0')) {
            r_.error(r_.at(at), fmt::format("{}: a round must be a whole number written as digits in decimal "
                                            "without leading zeros, found '{}'",
                                            what, text));
            return std::nullopt;
        }
        return static_cast<int>(std::min<long long>(round_number, limits_.max_rounds + 1));
    }
    if (auto text = r_.text(at, what + ": at")) {
        auto date = parse_date(*text);
        if (!date) {
            const bool date_shaped = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-';
            r_.error(r_.at(at), date_shaped ? fmt::format("{}: {} is not a valid date", what, *text)
                                            : fmt::format("{}: 'at' must be a round number or a date YYYY-MM-DD, "
                                                          "found '{}'",
                                                          what, *text));
            return std::nullopt;
        }
        if (!s_.calendar) {
            r_.error(r_.at(at), fmt::format("{}: a date needs a calendar (calendar: {{start: DATE, step: 1d}})", what));
            return std::nullopt;
        }
        auto round = s_.calendar->round_of(*date);
        if (!round) round = snapped_round(*date, *text, r_.at(at), what);
        if (!round) return std::nullopt;
        return static_cast<int>(std::min<long>(*round, limits_.max_rounds + 1));
    }
    return std::nullopt;  // reported by text()
}

// A date between rounds: with `calendar.snap: nearest` the nearest round (the earlier on a tie),
// with a warning; otherwise an error naming the nearest round dates.
std::optional<long> ScenarioBuilder::snapped_round(Date date, const std::string& text, const Location& where,
                                                   const std::string& what) {
    const Calendar& c = *s_.calendar;
    const long offset = date.days - c.start.days;
    const long before = offset < 0 ? -1 : offset / c.step_days;  // the round on or before the date; -1: none
    const long after = before + 1;
    const auto round_text = [&](long r) { return fmt::format("{} (round {})", format_date(c.date_of(static_cast<int>(r))), r); };
    if (!c.snap_nearest) {
        const std::string nearest = before < 0 ? fmt::format("the first round date is {}", round_text(0))
                                               : fmt::format("the nearest round dates are {} and {}",
                                                             round_text(before), round_text(after));
        r_.error(where, fmt::format("{}: {} is not the date of a round (round 0 is {}, one round every {} days): {}; "
                                    "move the event, or write calendar.snap: nearest to move it there",
                                    what, text, format_date(c.start), c.step_days, nearest));
        return std::nullopt;
    }
    long round = after;
    if (before >= 0 && offset - before * c.step_days <= after * c.step_days - offset) round = before;
    r_.warning(where, fmt::format("{}: {} is not the date of a round: moved to the nearest, {} (calendar.snap: "
                                  "nearest)",
                                  what, text, round_text(round)));
    return round;
}

// Reads `set:` into event.set; false after reporting when it is not a mapping.
bool ScenarioBuilder::event_set(const YAML::Node& set, const std::string& what, Event& event) {
    if (!r_.check_open_map(set, what + ": set")) return false;
    for (auto it = set.begin(); it != set.end(); ++it) {
        auto p = path(it->first, what + ": set");
        if (!p) continue;
        Assignment assignment{*p, 0, r_.at(it->second, r_.at(it->first))};
        const std::string name = param_path_name(*p, s_);
        if (param_range(*p, s_).boolean) {
            auto b = r_.boolean(it->second, fmt::format("{}: {}", what, name));
            if (!b) continue;
            assignment.value = *b ? 1 : 0;
        } else {
            auto v = r_.number(it->second, fmt::format("{}: {}", what, name));
            if (!v) continue;
            const std::string problem = check_param_value(*p, *v, s_);
            if (!problem.empty()) {
                r_.error(assignment.where, fmt::format("{}: {} = {}", what, name, problem));
                continue;
            }
            assignment.value = *v;
        }
        event.set.push_back(assignment);
    }
    return true;
}

}  // namespace accord::detail
