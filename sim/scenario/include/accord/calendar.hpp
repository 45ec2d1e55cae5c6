// Dates of rounds: a calendar gives round 0 a date and every round a fixed step.
#pragma once

#include <optional>
#include <string>

namespace accord {

// A civil date stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
    long days = 0;
    friend bool operator==(const Date&, const Date&) = default;
};

// Parses YYYY-MM-DD; nullopt when malformed or not a real date (2002-02-30).
std::optional<Date> parse_date(const std::string& text);
std::string format_date(Date d);

struct Calendar {
    Date start;
    int step_days = 1;
    bool snap_nearest = false;  // `snap: nearest`: an event date between rounds moves to the nearest round

    Date date_of(int round) const { return Date{start.days + static_cast<long>(round) * step_days}; }
    // The round whose date is `d`, or nullopt when `d` falls before round 0 or between rounds.
    std::optional<long> round_of(Date d) const;
};

// Parses a step: "Nd" (days) or "Nw" (weeks), N >= 1; returns the number of days.
std::optional<int> parse_step(const std::string& text);

}  // namespace accord
