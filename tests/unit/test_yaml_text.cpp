// The loader's check of a scenario's raw text (sim/loader/src/yaml_text.cpp, utf8.cpp): UTF-8 at
// the edges of its valid ranges, and quotes that are text in YAML (issue 10, items 20 and 21).
#include <string>

#include <fmt/format.h>
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

TEST_CASE("nested aliases before a quote never closed are searched once, not followed (a hang before)") {
    // Ten levels of ten aliases each: following every alias walks 10^10 nodes (hours; 8 levels took 3 s).
    std::string aliases = "l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 10; ++level) {
        aliases += fmt::format("l{}: &a{} [", level, level);
        for (int k = 0; k < 10; ++k) {
            aliases += k ? ", *a" : "*a";
            aliases += std::to_string(level - 1);
        }
        aliases += "]\n";
    }
    CHECK(first_error(aliases + "name: \"never closed") ==
          "12:7: unterminated quoted string: the double quote opened here is never closed");
}

TEST_CASE("a mapping aliased many times has its keys checked once") {
    // K unknown keys in one actor, aliased A times: K errors of unknown keys, not K x A (a 50 KB file of
    // 3,000 keys and 3,000 aliases ran out of memory before).
    constexpr int keys = 200, aliases = 300;
    std::string text = "accord: 1\nissues: [{id: x}]\nactors:\n  - &b {";
    for (int k = 0; k < keys; ++k) {
        text += k ? ", k" : "k";
        text += std::to_string(k);
        text += ": 1";
    }
    text += "}\n";
    for (int a = 0; a < aliases; ++a) text += "  - *b\n";
    try {
        load_scenario_text("t.yaml", text);
        FAIL("loaded");
    } catch (const InputError& e) {
        int unknown = 0;
        for (const Diagnostic& d : e.diagnostics().items())
            unknown += d.message.find("unknown key") != std::string::npos ? 1 : 0;
        CHECK(unknown == keys);
        CHECK(e.diagnostics().items().front().where.line == 4);
    }
}

TEST_CASE("a mapping aliased under two keys has its keys checked under each") {
    // The check was once keyed on the address of the keys' initializer_list, a stack address that
    // model's and outcome's lists shared: the alias under outcome passed unchecked.
    try {
        load_scenario_text("t.yaml", "accord: 1\nmodel: &x {rounds: 60, step: 0.1}\noutcome: *x" + rest);
        FAIL("loaded");
    } catch (const InputError& e) {
        bool outcome = false;
        for (const Diagnostic& d : e.diagnostics().items())
            outcome = outcome || d.message.rfind("outcome: unknown key 'rounds'", 0) == 0;
        CHECK(outcome);
    }
}

TEST_CASE("a second document is refused where it starts") {
    CHECK(first_error("name: the '90s crisis" + rest + "---\ndescription: it's hidden\n#") ==
          "7:1: a second YAML document starts here ('---'): a scenario is one document");
}
