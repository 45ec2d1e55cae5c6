#include "yaml_reader.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "accord/text.hpp"

namespace accord::detail {

Location YamlReader::at(const YAML::Node& node, const Location& fallback) const {
    if (!node.IsDefined()) return fallback;
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) return fallback;
    if (node.IsNull()) {
        auto it = empty_value_at_.find(mark.pos);
        if (it != empty_value_at_.end()) return it->second;
    }
    return Location{file_, mark.line + 1, mark.column + 1};
}

std::string YamlReader::describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Undefined:
            return "nothing";
        case YAML::NodeType::Null:
            return "an empty value";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Scalar: {
            std::string s = node.Scalar();
            if (s.size() > 40) s = s.substr(0, 37) + "...";
            return fmt::format("'{}'", s);
        }
    }
    return "something else";
}

bool YamlReader::first_check(const YAML::Node& node, std::size_t keys) {
    const int pos = node.Mark().pos;
    return !may_alias_ || pos < 0 || checked_.emplace(pos, keys).second;
}

bool YamlReader::check_open_map(const YAML::Node& node, const std::string& what) {
    if (refuse_tag(node, what)) return false;
    if (!node.IsMap()) {
        error(at(node), fmt::format("{} must be a mapping of keys to values, found {}", what, describe(node)));
        return false;
    }
    if (!first_check(node, 0)) return true;
    std::map<std::string, int> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
            error(at(it->first, at(node)),
                  fmt::format("{}: keys must be plain names, found {}", what, describe(it->first)));
            continue;
        }
        const std::string key = it->first.Scalar();
        const Location where = at(it->first, at(node));
        if (it->second.IsNull() && it->second.Mark().line > where.line - 1 && where.line > 0)
            empty_value_at_[it->second.Mark().pos] =
                Location{file_, where.line, where.column + static_cast<int>(key.size()) + 1};
        auto [pos, inserted] = seen.emplace(key, where.line);
        if (!inserted)
            error(where, fmt::format("{}: duplicate key '{}' (first given on line {})", what, key, pos->second));
    }
    return true;
}

bool YamlReader::check_map(const YAML::Node& node, const std::string& what,
                           std::initializer_list<const char*> allowed) {
    if (!check_open_map(node, what)) return false;
    if (may_alias_) {
        std::size_t keys = std::hash<std::string>{}(what);
        for (const char* name : allowed) keys = keys * 1000003 ^ std::hash<std::string_view>{}(name);
        if (!first_check(node, keys | 1)) return true;  // | 1: never check_open_map's 0
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) continue;
        const std::string key = it->first.Scalar();
        bool known = false;
        for (const auto& n : names) known = known || n == key;
        if (known) continue;
        const std::string best = closest_match(key, names);
        std::string msg = fmt::format("{}: unknown key '{}'", what, key);
        if (!best.empty())
            msg += fmt::format(" (did you mean '{}'?)", best);
        else
            msg += fmt::format("; expected one of: {}", fmt::join(names, ", "));
        error(at(it->first, at(node)), msg);
    }
    return true;
}

bool YamlReader::check_sequence(const YAML::Node& node, const std::string& what) {
    if (refuse_tag(node, what)) return false;
    if (node.IsSequence()) return true;
    error(at(node), fmt::format("{} must be a list, found {}", what, describe(node)));
    return false;
}

namespace {

// An explicit tag: "?" is a plain scalar's and "!" a quoted one's; anything else was written.
bool has_explicit_tag(const YAML::Node& node) {
    return node.IsDefined() && !node.IsNull() && node.Tag() != "?" && node.Tag() != "!" && !node.Tag().empty();
}

}  // namespace

bool nonzero_mantissa(const std::string& text) {
    const std::size_t exponent = text.find_first_of("eE");
    return text.substr(0, exponent).find_first_of("123456789") != std::string::npos;
}

std::string below_normal(const std::string& text, double value) {
    // The value read with 17 digits: its shortest form may be the literal itself ('5e-324'), which
    // would hide the precision lost.
    return fmt::format(
        "must be 0 or at least {} in magnitude, found '{}', below the smallest normal double, where a "
        "double loses precision (it would be read as {:.17g})",
        format_number(std::numeric_limits<double>::min()), text, value);
}

bool leading_zero(const std::string& text) {
    const std::size_t first = text.find_first_not_of("+-");
    return first != std::string::npos && first + 1 < text.size() && text[first] == '0' &&
           std::isdigit(static_cast<unsigned char>(text[first + 1]));
}

bool YamlReader::refuse_tag(const YAML::Node& node, const std::string& what) {
    if (!has_explicit_tag(node)) return false;
    error(at(node), fmt::format("{}: YAML tags are not supported, found the tag '{}' (remove it)", what, node.Tag()));
    return true;
}

std::optional<double> YamlReader::number(const YAML::Node& node, const std::string& what) {
    double value = 0;
    if (refuse_tag(node, what)) return std::nullopt;
    // A quoted scalar has the tag "!": "65" is text, not a number.
    if (node.IsScalar() && node.Tag() == "!") {
        error(at(node), fmt::format("{} must be a number, found the quoted text \"{}\" (remove the quotes)", what,
                                    node.Scalar()));
        return std::nullopt;
    }
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value)) {
        // yaml-cpp refuses numbers beyond the range of a double (1e999): say so.
        if (node.IsScalar()) {
            const std::string& text = node.Scalar();
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (!text.empty() && end == text.c_str() + text.size() && std::isinf(v)) {
                error(at(node), fmt::format("{} must be a finite number, found '{}', which is beyond the range of a "
                                            "double",
                                            what, text));
                return std::nullopt;
            }
        }
        error(at(node), fmt::format("{} must be a number, found {}", what, describe(node)));
        return std::nullopt;
    }
    if (!std::isfinite(value)) {
        error(at(node), fmt::format("{} must be a finite number, found {}", what, describe(node)));
        return std::nullopt;
    }
    return checked_literal(node, what, value);
}

// The checks on a number's text once it reads as a finite double: decimal, and not so small that
// it reads as 0 or loses its precision (below the smallest normal double).
std::optional<double> YamlReader::checked_literal(const YAML::Node& node, const std::string& what, double value) {
    const std::string& text = node.Scalar();
    if (leading_zero(text)) {
        error(at(node),
              fmt::format("{} must be written in decimal without leading zeros, found {}", what, describe(node)));
        return std::nullopt;
    }
    if (std::fabs(value) < std::numeric_limits<double>::min() && nonzero_mantissa(text)) {
        error(at(node), what + " " + below_normal(text, value));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlReader::number_in(const YAML::Node& node, const std::string& what, double lo, double hi) {
    const auto value = number(node, what);
    if (!value) return std::nullopt;
    if (*value < lo || *value > hi) {
        error(at(node), out_of_range(what, *value, lo, hi));
        return std::nullopt;
    }
    return value;
}

std::optional<long long> YamlReader::integer(const YAML::Node& node, const std::string& what, long long lo,
                                             long long hi) {
    long long value = 0;
    if (refuse_tag(node, what)) return std::nullopt;
    if (!node.IsScalar() || node.Tag() == "!" || !YAML::convert<long long>::decode(node, value)) {
        error(at(node), fmt::format("{} must be a whole number, found {}", what, describe(node)));
        return std::nullopt;
    }
    // yaml-cpp reads 010 as octal and 0x10 as hexadecimal (YAML 1.1); a user means decimal.
    const std::string& digits = node.Scalar();
    // Digits only, a '-' only before a negative number: `+1` and `-0` were read, where the seed, parsed
    // apart, refused them (scenario-format.md, "Whole numbers").
    if (!digits.empty() && (digits[0] == '+' || (digits[0] == '-' && value == 0))) {
        error(at(node), fmt::format("{} must be a whole number written as digits, found {}", what, describe(node)));
        return std::nullopt;
    }
    const std::size_t first = digits.find_first_not_of("+-");
    if (first != std::string::npos && digits.size() > first + 1 && digits[first] == '0') {
        error(at(node), fmt::format("{} must be a whole number written in decimal without leading zeros, found {}",
                                    what, describe(node)));
        return std::nullopt;
    }
    if (value < lo || value > hi) {
        if (hi == std::numeric_limits<long long>::max())
            error(at(node), fmt::format("{} must be >= {}, found {}", what, lo, value));
        else
            error(at(node), fmt::format("{} must be in [{}, {}], found {}", what, lo, hi, value));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const std::string& what) {
    if (refuse_tag(node, what)) return std::nullopt;
    if (node.IsScalar() && node.Tag() != "!") {
        const std::string& s = node.Scalar();
        if (s == "true" || s == "True" || s == "TRUE") return true;
        if (s == "false" || s == "False" || s == "FALSE") return false;
    }
    error(at(node), fmt::format("{} must be true or false, found {}", what, describe(node)));
    return std::nullopt;
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, const std::string& what) {
    if (refuse_tag(node, what)) return std::nullopt;
    if (!node.IsScalar()) {
        error(at(node), fmt::format("{} must be text, found {}", what, describe(node)));
        return std::nullopt;
    }
    return node.Scalar();
}

bool is_identifier(const std::string& text) {
    if (text.empty() || text.size() > 64) return false;
    for (unsigned char c : text)
        if (!(std::isalnum(c) || c == '_')) return false;
    return true;
}

std::optional<std::string> YamlReader::identifier(const YAML::Node& node, const std::string& what) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    if (!is_identifier(*value)) {
        error(at(node), fmt::format("{} must be an identifier of 1 to 64 letters, digits and '_', found {}", what,
                                    describe(node)));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> YamlReader::choice(const YAML::Node& node, const std::string& what,
                                              std::initializer_list<const char*> choices) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    std::vector<std::string> names(choices.begin(), choices.end());
    for (const auto& n : names)
        if (n == *value) return value;
    const std::string best = closest_match(*value, names);
    error(at(node), fmt::format("{} must be one of {}, found '{}'{}", what, fmt::join(names, ", "), *value,
                                best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
    return std::nullopt;
}

std::string out_of_range(const std::string& what, double value, double lo, double hi) {
    if (std::isinf(hi)) return fmt::format("{} must be >= {}, found {}", what, format_number(lo), format_number(value));
    return fmt::format("{} must be in [{}, {}], found {}", what, format_number(lo), format_number(hi),
                       format_number(value));
}

}  // namespace accord::detail
