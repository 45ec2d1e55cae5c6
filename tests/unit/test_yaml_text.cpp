// The loader's check of a scenario's raw text (sim/loader/src/yaml_text.cpp, utf8.cpp): UTF-8 at
// the edges of its valid ranges, and quotes that are text in YAML (issue 10, items 20 and 21).
#include <string>

#include <catch2/catch.hpp>

#include "accord/load.hpp"

using namespace accord;

namespace {

const std::string rest = R"(
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 10}}
  - {id: B, capability: 1, positions: {x: 90}}
)";

// The first error's "line:col: message" for a scenario whose line 2 is `line`, or "" when it loads.
std::string first_error(const std::string& line) {
    try {
        const Scenario s = load_scenario_text("t.yaml", "accord: 1\n" + line + rest);
        return "";
    } catch (const InputError& e) {
        const Diagnostic& d = e.diagnostics().items().front();
        return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message;
    }
}

const std::string invalid_byte = "2:9: the file is not valid UTF-8 text (an invalid byte here)";

}  // namespace

TEST_CASE("UTF-8: the first and last code points of each length and around the surrogates are accepted") {
    for (const char* c : {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
                          "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
        INFO("bytes " << c);
        CHECK(first_error(std::string("name: \"x") + c + "\"") == "");
    }
}

TEST_CASE("UTF-8: overlong forms, surrogates and code points above U+10FFFF are refused at their byte") {
    for (const char* c : {"\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x8F\xBF\xBF",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE2\x82", "\x80"}) {
        INFO("bytes " << c);
        CHECK(first_error(std::string("name: \"x") + c + "\"") == invalid_byte);
    }
}

TEST_CASE("a byte order mark is accepted first in the file and refused anywhere else") {
    CHECK_NOTHROW(load_scenario_text("t.yaml",
                                     "\xEF\xBB\xBF"
                                     "accord: 1" +
                                         rest));
    CHECK(first_error("name: x\xEF\xBB\xBFy") ==
          "2:8: a byte order mark (U+FEFF) inside the text: it is allowed only as the file's first character");
}

TEST_CASE("quotes that YAML reads as text are not taken for quoted strings") {
    for (const char* line : {"name: the '90s crisis", "name: He said \"hi", "sources: [it's, \"b\", 'c''s']",
                             "description: |\n  He said \"hi\n  \tand 'no", "description: >-\n  folded \"text",
                             "description: plain text\n  'continued on the next line", "name: 'it''s'",
                             "name: \"an \\\" escaped quote\""}) {
        INFO(line);
        CHECK(first_error(line) == "");
    }
}

TEST_CASE("a quote never closed is refused where it opens, even though yaml-cpp reads it to the end") {
    CHECK(first_error("name: \"NATO-Russia council") ==
          "2:7: unterminated quoted string: the double quote opened here is never closed");
    CHECK(first_error("name: 'oops") ==
          "2:7: unterminated quoted string: the single quote opened here is never closed");
}

TEST_CASE("a second document is refused where it starts") {
    CHECK(first_error("name: the '90s crisis" + rest + "---\ndescription: it's hidden\n#") ==
          "7:1: a second YAML document starts here ('---'): a scenario is one document");
}
