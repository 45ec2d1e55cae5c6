#include "yaml_text.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_set>

#include "utf8.hpp"

namespace accord::detail {

namespace {

struct Mark {
    int line = 0;
    int column = 0;
};

// What a scan of the text found that may explain a parse error.
struct TextHints {
    std::vector<Mark> unclosed;  // '[' or '{' never closed
    std::vector<char> unclosed_char;
    std::vector<Mark> multiline_quotes;  // quoted scalars that run over a line end
    Mark unterminated;                   // a quote never closed (line 0: none)
    char unterminated_char = 0;
};

bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// One pass over the bytes: refuses what must stop the parse (NUL, invalid UTF-8, a tab in the
// indentation, nesting beyond the limit) and collects hints for a parse error. It follows YAML's
// structure only as far as it needs to know where quoted scalars and flow brackets are: a quote or
// a bracket opens one only where a value starts (after the indentation, ": ", "- ", "? ", or '[',
// '{' and ',' in a flow), and the lines of a block scalar ('|' or '>') are content.
class Scanner {
public:
    Scanner(const std::string& file, const std::string& text, int max_nesting)
        : file_(file), text_(text), max_nesting_(max_nesting) {}

    TextHints run() {
        for (i_ = 0; i_ < text_.size(); ++i_) {
            ++column_;
            const char c = text_[i_];
            if (c == '\0' || static_cast<unsigned char>(c) >= 0x80) {
                multibyte();
                continue;
            }
            if (c == '\n') {
                newline();
                continue;
            }
            if (line_start_ && block_indent_ >= 0 && block_content()) continue;
            if (comment_) continue;
            if (quote_) {
                in_quote(c);
                continue;
            }
            if (line_start_ && (document_marker() || indentation(c))) continue;
            token(c);
        }
        if (quote_) {
            hints_.unterminated = quote_start_;
            hints_.unterminated_char = quote_;
        }
        hints_.unclosed = open_;
        hints_.unclosed_char = open_char_;
        return hints_;
    }

private:
    Location here() const { return Location{file_, line_, column_}; }
    char next() const { return i_ + 1 < text_.size() ? text_[i_ + 1] : '\n'; }

    // The length of the character at i_; throws for NUL, invalid UTF-8 and a byte order mark
    // past the first byte.
    std::size_t checked_length() const {
        if (text_[i_] == '\0') throw InputError(here(), "the file holds binary data (a NUL byte), not YAML text");
        const std::size_t n = utf8_length(text_, i_);
        if (n == 0) throw InputError(here(), "the file is not valid UTF-8 text (an invalid byte here)");
        if (i_ > 0 && text_.compare(i_, 3, utf8_bom) == 0)
            throw InputError(here(),
                             "a byte order mark (U+FEFF) inside the text: it is allowed only as the file's "
                             "first character");
        return n;
    }

    // A NUL or a character beyond ASCII: checked, then part of a plain scalar unless quoted or
    // in a comment.
    void multibyte() {
        i_ += checked_length() - 1;
        if (quote_ || comment_) return;
        if (i_ == 2 && text_.compare(0, 3, utf8_bom) == 0) return;  // a leading byte order mark
        block_indent_ = line_start_ ? -1 : block_indent_;
        line_start_ = false;
        value_start_ = false;
        previous_ = 'a';
    }

    // "---" or "..." at the start of a line; a value may follow "---".
    bool document_marker() {
        if (column_ != 1 || !(text_.compare(i_, 3, "---") == 0 || text_.compare(i_, 3, "...") == 0)) return false;
        if (i_ + 3 < text_.size() && !blank(text_[i_ + 3])) return false;
        i_ += 2;
        column_ += 2;
        line_start_ = false;
        value_start_ = true;
        previous_ = ' ';
        return true;
    }

    void newline() {
        if (quote_ && (hints_.multiline_quotes.empty() || hints_.multiline_quotes.back().line != quote_start_.line ||
                       hints_.multiline_quotes.back().column != quote_start_.column))
            hints_.multiline_quotes.push_back(quote_start_);
        ++line_;
        column_ = 0;
        indent_ = 0;
        spaces_ = 0;
        line_start_ = true;
        comment_ = false;
        previous_ = '\n';
        if (open_.empty()) value_start_ = true;
    }

    // At the start of a line while in a block scalar: a blank line, or one indented more than the
    // scalar's parent, is content and is skipped (its characters still checked).
    bool block_content() {
        std::size_t j = i_;
        while (j < text_.size() && text_[j] == ' ') ++j;
        const bool blank_line = j == text_.size() || text_[j] == '\n' || text_[j] == '\r';
        if (!blank_line && static_cast<int>(j - i_) <= block_indent_) {
            block_indent_ = -1;
            return false;
        }
        while (i_ + 1 < text_.size() && text_[i_ + 1] != '\n') {
            ++i_;
            ++column_;
            i_ += checked_length() - 1;
        }
        return true;
    }

    void in_quote(char c) {
        if (quote_ == '"' && c == '\\' && next() != '\n')
            ++i_, ++column_;
        else if (quote_ == '\'' && c == '\'' && next() == '\'')
            ++i_, ++column_;
        else if (c == quote_)
            quote_ = 0;
        previous_ = c;
    }

    // Spaces and block indicators ("- ", "? ") at the start of a line; true when `c` is one of them.
    bool indentation(char c) {
        if (c == '\t' && open_.empty())
            throw InputError(here(), "a tab in the indentation: YAML indents with spaces only");
        const bool indicator = (c == '-' || c == '?') && blank(next());
        if (c == ' ' || indicator) {
            if (c == ' ' && indent_ == spaces_) ++spaces_;
            if (++indent_ > 4 * max_nesting_) throw InputError(here(), too_deep());
            if (indicator) value_start_ = true;
            previous_ = c;
            return true;
        }
        if (c != '\r') line_start_ = false;
        return false;
    }

    std::string too_deep() const {
        return fmt::format("nesting is deeper than the limit of {} levels (raise it with --limit nesting=N)",
                           max_nesting_);
    }

    void token(char c) {
        if (c == '#' && (previous_ == '\n' || previous_ == ' ' || previous_ == '\t')) {
            comment_ = true;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            // whitespace separates and leaves the state as it is
        } else if ((c == ']' || c == '}') && !open_.empty()) {
            open_.pop_back();
            open_char_.pop_back();
            value_start_ = false;
        } else if (value_start_) {
            value_token(c);
        } else if (c == ':' && (!open_.empty() || blank(next()))) {
            value_start_ = true;
        } else if (c == ',' && !open_.empty()) {
            value_start_ = true;
        }
        previous_ = c;
    }

    // The first character of a value: a quote, a bracket, a block scalar, an indicator, a node's
    // properties (anchor, tag), or the start of a plain scalar.
    void value_token(char c) {
        if (c == '"' || c == '\'') {
            quote_ = c;
            quote_start_ = {line_, column_};
        } else if (c == '[' || c == '{') {
            open_.push_back({line_, column_});
            open_char_.push_back(c);
            if (static_cast<int>(open_.size()) > max_nesting_) throw InputError(here(), too_deep());
        } else if ((c == '|' || c == '>') && open_.empty()) {
            // The parent's indentation: the key's on this line, else the line's own.
            block_indent_ = column_ == indent_ + 1 ? spaces_ : indent_;
            value_start_ = false;
        } else if ((c == '-' || c == '?' || c == ':') && blank(next())) {
            // an indicator: a value follows
        } else if (c == '&' || c == '!') {
            while (!blank(next()) && !(open_.size() && (next() == ',' || next() == ']' || next() == '}')))
                ++i_, ++column_;
        } else if (c == ',' && !open_.empty()) {
            // an empty entry in a flow
        } else {
            value_start_ = false;
        }
    }

    const std::string& file_;
    const std::string& text_;
    const int max_nesting_;
    std::size_t i_ = 0;
    int line_ = 1, column_ = 0;
    int indent_ = 0;         // spaces and block indicators at the start of the line
    int spaces_ = 0;         // spaces only, before the first other character
    int block_indent_ = -1;  // in a block scalar: the indentation of the line that opened it
    bool line_start_ = true, comment_ = false, value_start_ = true;
    char quote_ = 0, previous_ = '\n';
    Mark quote_start_;
    std::vector<Mark> open_;
    std::vector<char> open_char_;
    TextHints hints_;
};

// Stops the parse at the start of the second document, with its mark; ignores the first.
struct SecondDocument {
    YAML::Mark mark;
};

class DocumentStarts final : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        if (seen_++ > 0) throw SecondDocument{mark};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

private:
    int seen_ = 0;
};

// A line that starts with '---' or '...': only then can the text hold a second document.
bool has_document_marker(const std::string& text) {
    for (std::size_t i = 0;; ++i) {
        if ((text.compare(i, 3, "---") == 0 || text.compare(i, 3, "...") == 0) &&
            (i + 3 >= text.size() || blank(text[i + 3])))
            return true;
        i = text.find('\n', i);
        if (i == std::string::npos) return false;
    }
}

// yaml-cpp's YAML::Load reads the first document and ignores the rest: after a '---', or after a
// document end marker '...' (text there starts a document of its own). Its parser, asked for the
// next document, says where one starts; only the first event is wanted (yaml-cpp 0.7's LoadAll can
// loop forever on some malformed input, so no more is parsed). Called once the first document
// parsed; the text is parsed again only when a line starts with a document marker.
void refuse_second_document(const std::string& file, const std::string& text) {
    if (!has_document_marker(text)) return;
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts starts;
    try {
        parser.HandleNextDocument(starts);
        parser.HandleNextDocument(starts);
    } catch (const SecondDocument& second) {
        const Location where{file, second.mark.line + 1, second.mark.column + 1};
        if (second.mark.pos >= 0 && text.compare(static_cast<std::size_t>(second.mark.pos), 3, "---") == 0)
            throw InputError(where, "a second YAML document starts here ('---'): a scenario is one document");
        throw InputError(where,
                         "text after the document end marker '...' starts a second YAML document: a "
                         "scenario is one document");
    } catch (const YAML::Exception& e) {
        throw InputError(Location{file, e.mark.line + 1, e.mark.column + 1},
                         "invalid YAML after the first document: " + e.msg + " (a scenario is one document)");
    }
}

std::string unterminated(const TextHints& hints) {
    return fmt::format("unterminated quoted string: the {} opened here is never closed",
                       hints.unterminated_char == '"' ? "double quote" : "single quote");
}

// A quoted scalar that starts at `m` somewhere in `node`: yaml-cpp 0.7 reads a quote that is never
// closed as a string running to the end of the file, so the scan's unterminated quote is checked
// against the parsed tree (where the scan could misread a quote, the tree has no such string).
// Each collection is searched once (`searched`, by position): an alias is the collection it names, and
// following every alias made ten lines of nested aliases a walk of 10^10 nodes.
bool quoted_scalar_at(const YAML::Node& node, const Mark& m, std::unordered_set<int>& searched) {
    if (node.IsScalar())
        return node.Tag() == "!" && node.Mark().line + 1 == m.line && node.Mark().column + 1 == m.column;
    if (!node.IsSequence() && !node.IsMap()) return false;
    if (node.Mark().pos >= 0 && !searched.insert(node.Mark().pos).second) return false;
    if (node.IsSequence())
        for (const auto& item : node)
            if (quoted_scalar_at(item, m, searched)) return true;
    if (node.IsMap())
        for (auto it = node.begin(); it != node.end(); ++it)
            if (quoted_scalar_at(it->first, m, searched) || quoted_scalar_at(it->second, m, searched)) return true;
    return false;
}

bool quoted_scalar_at(const YAML::Node& node, const Mark& m) {
    std::unordered_set<int> searched;
    return quoted_scalar_at(node, m, searched);
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
    const TextHints hints = Scanner(file, text, max_nesting).run();
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::DeepRecursion& e) {
        throw InputError(Location{file, e.mark.line + 1, e.mark.column + 1},
                         fmt::format("nesting is deeper than the YAML parser allows ({} levels)", e.depth()));
    } catch (const YAML::Exception& e) {
        Diagnostics ds;
        // Where the trouble probably began: a quote never closed, an unclosed bracket, a quote that runs on.
        if (hints.unterminated.line > 0)
            ds.error(Location{file, hints.unterminated.line, hints.unterminated.column}, unterminated(hints));
        ds.error(Location{file, e.mark.line + 1, e.mark.column + 1}, explain(e.msg));
        for (std::size_t k = 0; k < hints.unclosed.size(); ++k)
            ds.error(Location{file, hints.unclosed[k].line, hints.unclosed[k].column},
                     fmt::format("this '{}' is never closed", hints.unclosed_char[k]));
        for (const Mark& m : hints.multiline_quotes)
            if (m.line <= e.mark.line + 1 &&
                (m.line != hints.unterminated.line || m.column != hints.unterminated.column))
                ds.error(Location{file, m.line, m.column},
                         "this quoted string runs over the end of its line: is its closing quote missing?");
        throw InputError(ds);
    }
    if (hints.unterminated.line > 0 && quoted_scalar_at(root, hints.unterminated))
        throw InputError(Location{file, hints.unterminated.line, hints.unterminated.column}, unterminated(hints));
    refuse_second_document(file, text);
    return root;
}

}  // namespace accord::detail
