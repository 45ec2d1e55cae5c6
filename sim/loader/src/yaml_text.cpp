#include "yaml_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

namespace accord::detail {

namespace {

struct Mark {
    int line = 0;
    int column = 0;
};

// What a scan of the text found that may explain a parse error.
struct TextHints {
    Mark second_document;        // a '---' after the first document's content (line 0: none)
    std::vector<Mark> unclosed;  // '[' or '{' never closed
    std::vector<char> unclosed_char;
    std::vector<Mark> multiline_quotes;  // quoted scalars that run over a line end
};

// Length of the UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_length(const std::string& s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
    if (n == 2 && c < 0xc2) return 0;  // overlong
    return n;
}

// Throws InputError for what must stop the parse (NUL, invalid UTF-8, a tab in the indentation,
// nesting beyond the limit, an unterminated quote) and collects hints for the rest. It is longer
// than our usual 80 lines for a reason: it is one pass over the bytes whose state (line, column,
// indentation, quote, comment, open brackets) every branch reads and updates; split, that state
// would travel through a struct to functions that each need all of it.
TextHints scan(const std::string& file, const std::string& text, int max_nesting) {
    Diagnostics ds;
    TextHints hints;
    int line = 1, column = 0, indent = 0;
    bool line_start = true, comment = false, content_seen = false;
    char quote = 0, previous = '\n';
    Mark quote_start;
    std::vector<Mark> open;
    std::vector<char> open_char;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        ++column;
        if (c == '\0')
            throw InputError(Location{file, line, column}, "the file holds binary data (a NUL byte), not YAML text");
        if (static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t n = utf8_length(text, i);
            if (n == 0)
                throw InputError(Location{file, line, column},
                                 "the file is not valid UTF-8 text (an invalid byte here)");
            i += n - 1;
            previous = 'a';
            line_start = false;
            continue;
        }
        if (c == '\n') {
            if (quote && (hints.multiline_quotes.empty() || hints.multiline_quotes.back().line != quote_start.line ||
                          hints.multiline_quotes.back().column != quote_start.column))
                hints.multiline_quotes.push_back(quote_start);
            ++line;
            column = 0;
            indent = 0;
            line_start = true;
            comment = false;
            previous = '\n';
            continue;
        }
        if (comment) continue;
        if (quote) {
            if (quote == '"' && c == '\\')
                ++i, ++column;
            else if (c == quote)
                quote = 0;
            previous = c;
            continue;
        }
        if (line_start && column == 1 && open.empty() && !comment) {
            const bool marker = text.compare(i, 3, "---") == 0 && (i + 3 == text.size() || text[i + 3] == ' ' ||
                                                                   text[i + 3] == '\n' || text[i + 3] == '\r');
            if (marker && content_seen && hints.second_document.line == 0) hints.second_document = {line, 1};
            if (!marker && c != '#' && c != '%' && c != ' ' && c != '\r') content_seen = true;
        }
        if (line_start) {
            if (c == '\t' && open.empty())
                throw InputError(Location{file, line, column},
                                 "a tab in the indentation: YAML indents with spaces only");
            if (c == ' ' || c == '-' || c == '?') {
                if (++indent > 4 * max_nesting)
                    throw InputError(
                        Location{file, line, column},
                        fmt::format("nesting is deeper than the limit of {} levels (raise it with --limit nesting=N)",
                                    max_nesting));
                previous = c;
                continue;
            }
            if (c != '\r') line_start = false;
        }
        const bool after_separator = previous == '\n' || previous == ' ' || previous == '\t' || previous == ':' ||
                                     previous == '-' || previous == '[' || previous == '{' || previous == ',' ||
                                     previous == '?';
        if (c == '#' && (previous == '\n' || previous == ' ' || previous == '\t')) {
            comment = true;
        } else if ((c == '"' || c == '\'') && after_separator) {
            quote = c;
            quote_start = {line, column};
        } else if (c == '[' || c == '{') {
            open.push_back({line, column});
            open_char.push_back(c);
            if (static_cast<int>(open.size()) > max_nesting)
                throw InputError(
                    Location{file, line, column},
                    fmt::format("nesting is deeper than the limit of {} levels (raise it with --limit nesting=N)",
                                max_nesting));
        } else if ((c == ']' || c == '}') && !open.empty()) {
            open.pop_back();
            open_char.pop_back();
        }
        previous = c;
    }
    if (quote)
        throw InputError(Location{file, quote_start.line, quote_start.column},
                         fmt::format("unterminated quoted string: the {} opened here is never closed",
                                     quote == '"' ? "double quote" : "single quote"));
    hints.unclosed = open;
    hints.unclosed_char = open_char;
    return hints;
}

// yaml-cpp's terse messages, with what usually causes them.
std::string explain(const std::string& message) {
    if (message == "illegal map value")
        return "invalid YAML: a ':' where no mapping value can start (check this line's indentation against the "
               "line before, and quote text that contains ': ')";
    if (message == "illegal block entry")
        return "invalid YAML: a '- ' list entry where none can start (check the indentation, or an unclosed '[' "
               "or '{' above)";
    if (message == "end of map not found")
        return "invalid YAML: a mapping is not closed where expected (an unclosed '{' or quote, or a line "
               "indented differently from its siblings)";
    if (message == "end of sequence not found" || message == "end of sequence flow not found")
        return "invalid YAML: a list is not closed (a ']' is missing)";
    if (message == "end of map flow not found") return "invalid YAML: a mapping is not closed (a '}' is missing)";
    return "invalid YAML: " + message;
}

}  // namespace

YAML::Node parse_yaml(const std::string& file, const std::string& text, int max_nesting) {
    const TextHints hints = scan(file, text, max_nesting);
    if (hints.second_document.line > 0)
        throw InputError(Location{file, hints.second_document.line, hints.second_document.column},
                         "a second YAML document starts here ('---'): a scenario is one document");
    // One document: YAML::Load (yaml-cpp 0.7's LoadAll can loop forever on some malformed input).
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::DeepRecursion& e) {
        throw InputError(Location{file, e.mark.line + 1, e.mark.column + 1},
                         fmt::format("nesting is deeper than the YAML parser allows ({} levels)", e.depth()));
    } catch (const YAML::Exception& e) {
        Diagnostics ds;
        ds.error(Location{file, e.mark.line + 1, e.mark.column + 1}, explain(e.msg));
        // Where the trouble probably began: an unclosed bracket or a quote that runs on.
        for (std::size_t k = 0; k < hints.unclosed.size(); ++k)
            ds.error(Location{file, hints.unclosed[k].line, hints.unclosed[k].column},
                     fmt::format("this '{}' is never closed", hints.unclosed_char[k]));
        for (const Mark& m : hints.multiline_quotes)
            if (m.line <= e.mark.line + 1)
                ds.error(Location{file, m.line, m.column},
                         "this quoted string runs over the end of its line: is its closing quote missing?");
        throw InputError(ds);
    }
    return root;
}

}  // namespace accord::detail
