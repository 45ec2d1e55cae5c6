// check_utf8_text (sim/loader/src/utf8.hpp) skips its plain ASCII prefix eight bytes at a time: its
// problems, lines and columns are those of reading every byte from the start (scan_utf8_text), by
// hand and on random texts.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "utf8.hpp"

using namespace accord::detail;

TEST_CASE("UTF-8 problems are found at their line and column past a plain ASCII prefix", "[load]") {
    CHECK(check_utf8_text("id,capability\na0,1\n").line == 0);
    // Line 3, the 4th character: "a1," then the invalid byte 0xff.
    const TextProblem bad = check_utf8_text("id,capability\na0,1\na1,\xff\n");
    CHECK(bad.line == 3);
    CHECK(bad.column == 4);
    CHECK(bad.message == "the file is not valid UTF-8 text (an invalid byte here)");
    // "é" (two bytes) counts one column: the NUL on line 2 is its 3rd character.
    const TextProblem nul = check_utf8_text(std::string("name\n\xc3\xa9x\0y\n", 10));
    CHECK(nul.line == 2);
    CHECK(nul.column == 3);
}

TEST_CASE("The UTF-8 check agrees with a byte by byte reading on random texts", "[load]") {
    std::mt19937 rng(8);
    const std::string pieces[] = {"a", "b,", "1.5", "\n", "\r\n", "\xc3\xa9", "\xe2\x82\xac", "\xef\xbb\xbf",
                                  std::string(1, '\0'), "\xff", "\xc3", "\xed\xa0\x80", "abcdefghijklmnop"};
    for (int trial = 0; trial < 20000; ++trial) {
        std::string text;
        const int length = static_cast<int>(rng() % 40);
        for (int k = 0; k < length; ++k) {
            const auto p = rng() % 100;  // mostly plain text, as tables are
            text += p < 85 ? pieces[p % 5] : p < 97 ? pieces[12] : pieces[5 + p % 7];
        }
        const TextProblem expected = scan_utf8_text(text);
        const TextProblem got = check_utf8_text(text);
        INFO("trial " << trial);
        CHECK(got.line == expected.line);
        CHECK(got.column == expected.column);
        CHECK(got.message == expected.message);
    }
}
