// Typed, located reading of yaml-cpp nodes: every problem becomes a diagnostic with file:line:col.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "accord/diagnostics.hpp"

namespace accord::detail {

class YamlReader {
public:
    YamlReader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), ds_(diagnostics) {}

    // Whether the text may hold aliases (a '*'): only then does check_map remember the mappings it
    // checked (first_check), which cost a big file of mappings 12% more time to validate.
    void may_alias(bool aliases) { may_alias_ = aliases; }

    const std::string& file() const { return file_; }
    Diagnostics& diagnostics() { return ds_; }

    // The node's position; a missing node has none, so the fallback (its parent's) is used.
    Location at(const YAML::Node& node, const Location& fallback) const;
    Location at(const YAML::Node& node) const { return at(node, Location{file_, 0, 0}); }
    void error(const Location& where, std::string message) { ds_.error(where, std::move(message)); }
    void warning(const Location& where, std::string message) { ds_.warning(where, std::move(message)); }

    // Checks that `node` is a mapping whose keys are unique scalars from `allowed` (unknown keys get
    // a "did you mean" hint). Returns false, after reporting, when it is not a mapping.
    bool check_map(const YAML::Node& node, const std::string& what, std::initializer_list<const char*> allowed);
    // Checks that `node` is a mapping with unique scalar keys (any names).
    bool check_open_map(const YAML::Node& node, const std::string& what);
    bool check_sequence(const YAML::Node& node, const std::string& what);

    std::optional<double> number(const YAML::Node& node, const std::string& what);
    // A number in [lo, hi]; `hi` may be infinity. The message names `what` and the range.
    std::optional<double> number_in(const YAML::Node& node, const std::string& what, double lo, double hi);
    std::optional<long long> integer(const YAML::Node& node, const std::string& what, long long lo, long long hi);
    std::optional<bool> boolean(const YAML::Node& node, const std::string& what);
    std::optional<std::string> text(const YAML::Node& node, const std::string& what);
    // Letters, digits and '_'.
    std::optional<std::string> identifier(const YAML::Node& node, const std::string& what);
    // One of `choices`, with a hint when the text is close to one.
    std::optional<std::string> choice(const YAML::Node& node, const std::string& what,
                                      std::initializer_list<const char*> choices);

    // Reports an explicit YAML tag (`!!str 1`, `!custom x`) on `node`: tags are refused, as accord
    // reads each value by the type its key expects. True when refused.
    bool refuse_tag(const YAML::Node& node, const std::string& what);

    // A short rendering of a node for messages ("a list", "'abc'").
    static std::string describe(const YAML::Node& node);

private:
    std::optional<double> checked_literal(const YAML::Node& node, const std::string& what, double value);

    std::string file_;
    Diagnostics& ds_;
    // yaml-cpp marks an empty value ("capability:" then a line end) at the next token; the place
    // just after its key's colon is where a user looks, so check_open_map records it here.
    std::map<int, Location> empty_value_at_;
    // The mappings whose keys were checked (position, and a hash of `what` with the keys allowed, or 0
    // for check_open_map): an alias names the same mapping again, whose key errors were reported the first
    // time, so they are not checked twice. Without it a mapping of K unknown keys aliased A times gave
    // K x A errors from a file of K + A lines (a 50 KB file ran out of memory). The keys are hashed
    // text: the address of an initializer_list's array is a stack address, the same for two lists.
    std::set<std::pair<int, std::size_t>> checked_;
    bool may_alias_ = true;
    // True the first time (node, keys) is checked; `keys` identifies the list of keys allowed (a hash of
    // `what` and the keys; 0 for check_open_map).
    bool first_check(const YAML::Node& node, std::size_t keys);
};

bool is_identifier(const std::string& text);

// A leading zero before another digit ("017", "-00.5"), which YAML 1.1 readers take as octal: a
// number in a scenario, YAML or CSV, is written in plain decimal.
bool leading_zero(const std::string& text);

// A non-zero digit before the exponent: the literal is not zero.
bool nonzero_mantissa(const std::string& text);

// Why a non-zero literal `text` that reads as `value`, below the smallest normal double in magnitude,
// is refused (it reads as 0 or loses its precision): "must be 0 or at least ...", in YAML and in tables.
std::string below_normal(const std::string& text, double value);

// "<what> must be >= lo, found v" when `hi` is infinity, else "<what> must be in [lo, hi], found v":
// the message of a number outside its range, from YAML or from a CSV cell.
std::string out_of_range(const std::string& what, double value, double lo, double hi);

}  // namespace accord::detail
