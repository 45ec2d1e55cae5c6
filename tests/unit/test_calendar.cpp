#include <catch2/catch.hpp>

#include "accord/calendar.hpp"

using namespace accord;

TEST_CASE("Dates parse, format and count days", "[calendar]") {
    CHECK(parse_date("1970-01-01")->days == 0);
    CHECK(parse_date("2002-04-01")->days == 11778);
    CHECK(format_date(*parse_date("2002-05-28")) == "2002-05-28");
    CHECK(parse_date("2000-02-29"));        // leap year (divisible by 400)
    CHECK_FALSE(parse_date("1900-02-29"));  // not a leap year
    CHECK_FALSE(parse_date("2002-02-30"));
    CHECK_FALSE(parse_date("2002-13-01"));
    CHECK_FALSE(parse_date("2002-4-1"));
    CHECK_FALSE(parse_date("20020401"));
}

TEST_CASE("Calendar steps map dates to rounds", "[calendar]") {
    CHECK(parse_step("1d") == 1);
    CHECK(parse_step("2w") == 14);
    CHECK_FALSE(parse_step("0d"));
    CHECK_FALSE(parse_step("d"));
    CHECK_FALSE(parse_step("1m"));
    Calendar c{*parse_date("2002-04-01"), 7};
    CHECK(c.round_of(*parse_date("2002-04-15")) == 2);
    CHECK_FALSE(c.round_of(*parse_date("2002-04-09")));
    CHECK_FALSE(c.round_of(*parse_date("2002-03-25")));
    CHECK(format_date(c.date_of(4)) == "2002-04-29");
}
