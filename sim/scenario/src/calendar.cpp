#include "accord/calendar.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace accord {

namespace {

// Howard Hinnant's civil_from_days, the algorithm behind <chrono>'s calendar, kept for formatting:
// std::chrono::year holds years up to 32767 only, and a round's date (start + rounds x step) can
// lie beyond.
void civil_from_days(long z, long& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool parse_digits(const std::string& s, std::size_t pos, std::size_t count, unsigned& out) {
    if (pos + count > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<Date> parse_date(const std::string& text) {
    unsigned y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!parse_digits(text, 0, 4, y) || !parse_digits(text, 5, 2, m) || !parse_digits(text, 8, 2, d))
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m},
                                           std::chrono::day{d}};
    if (!date.ok()) return std::nullopt;  // 2002-02-30, month 13, day 0
    return Date{static_cast<long>(std::chrono::sys_days{date}.time_since_epoch().count())};
}

std::string format_date(Date date) {
    long y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(date.days, y, m, d);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::optional<long> Calendar::round_of(Date d) const {
    const long offset = d.days - start.days;
    if (offset < 0 || offset % step_days != 0) return std::nullopt;
    return offset / step_days;
}

std::optional<int> parse_step(const std::string& text) {
    if (text.size() < 2) return std::nullopt;
    const char unit = text.back();
    if (unit != 'd' && unit != 'w') return std::nullopt;
    int n = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size() - 1;
    auto [ptr, ec] = std::from_chars(first, last, n);
    if (ec != std::errc() || ptr != last || n < 1 || n > 36500) return std::nullopt;
    return unit == 'w' ? n * 7 : n;
}

}  // namespace accord
