// The `issues:` section (docs/interface.md section 2).
#include <limits>
#include <map>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {
// The largest magnitude of a scale bound (docs/scenario-format.md): a scale's width, and the sums
// of positions and of their squares over any number of runs a long can count (< 9.3e18), stay
// finite: 1e100 squared is 1e200, times 9.3e18 is below 1.8e308, the largest double.
constexpr double max_scale_bound = 1e100;
}  // namespace

void ScenarioBuilder::load_issues(const YAML::Node& node) {
    if (!r_.check_sequence(node, "issues")) return;
    if (node.size() == 0) r_.error(r_.at(node), "issues: at least one issue is needed");
    if (static_cast<long>(node.size()) > limits_.max_issues) {
        r_.error(r_.at(node), fmt::format("issues: {} issues exceed the limit of {} (raise it with --limit issues=N)",
                                          node.size(), limits_.max_issues));
        return;
    }
    std::map<std::string, int> lines;
    for (const auto& item : node) {
        if (!r_.check_map(item, "issue", {"id", "name", "scale", "labels", "status_quo"})) continue;
        Issue issue;
        issue.where = r_.at(item);
        if (!item["id"]) {
            r_.error(issue.where, "issue: missing required key 'id'");
            continue;
        }
        auto id = r_.identifier(item["id"], "issue id");
        if (!id) continue;
        issue.id = *id;
        const std::string what = fmt::format("issue '{}'", issue.id);
        auto [pos, inserted] = lines.emplace(issue.id, r_.at(item["id"]).line);
        if (!inserted) {
            r_.error(r_.at(item["id"]),
                     fmt::format("duplicate issue id '{}' (first defined on line {})", issue.id, pos->second));
            continue;
        }
        issue.name = issue.id;
        if (item["name"]) set_if_read(issue.name, r_.text(item["name"], what + ": name"));
        if (const YAML::Node& scale = item["scale"]; scale) {
            // Until a scale is read, nothing is checked against it: a refused scale (reported here)
            // does not make every value on the issue "outside the scale [0, 100]" as well.
            issue.lo = -std::numeric_limits<double>::infinity();
            issue.hi = std::numeric_limits<double>::infinity();
            if (!scale.IsSequence() || scale.size() != 2) {
                r_.error(r_.at(scale),
                         fmt::format("{}: scale must be a list of two numbers [lower, upper], found {}", what,
                                     scale.IsSequence() ? fmt::format("{} values", scale.size())
                                                        : YamlReader::describe(scale)));
            } else {
                auto lo = r_.number_in(scale[0], what + ": scale lower bound", -max_scale_bound, max_scale_bound);
                auto hi = r_.number_in(scale[1], what + ": scale upper bound", -max_scale_bound, max_scale_bound);
                if (lo && hi) {
                    if (!(*lo < *hi))
                        r_.error(r_.at(scale), fmt::format("{}: scale [{}, {}] must have lower < upper", what,
                                                           format_number(*lo), format_number(*hi)));
                    else {
                        issue.lo = *lo;
                        issue.hi = *hi;
                    }
                }
            }
        }
        if (const YAML::Node& labels = item["labels"]; labels) {
            if (r_.check_open_map(labels, what + ": labels")) {
                std::map<double, std::string> key_text;  // the text of each position's first key
                for (auto it = labels.begin(); it != labels.end(); ++it) {
                    auto at = r_.number(it->first, what + ": label position");
                    auto text = r_.text(it->second, what + ": label");
                    if (!at || !text) continue;
                    if (*at < issue.lo || *at > issue.hi)
                        r_.error(r_.at(it->first),
                                 fmt::format("{}: label at {} is outside the scale [{}, {}]", what, format_number(*at),
                                             format_number(issue.lo), format_number(issue.hi)));
                    // Keys that differ as text ("50", "50.0", "5e1") may be one position: a second label
                    // there is refused, as a key given twice (check_open_map), not silently kept.
                    const auto [first, inserted] = issue.labels.emplace(*at, *text);
                    const auto [first_key, new_key] = key_text.emplace(*at, it->first.Scalar());
                    // The same text twice is a duplicate key, which check_open_map has reported.
                    if (!inserted && first_key->second != it->first.Scalar())
                        r_.error(r_.at(it->first),
                                 fmt::format("{}: a second label at {} ('{}'; '{}' is there already)", what,
                                             format_number(*at), *text, first->second));
                }
            }
        }
        double status_quo = 0;
        if (const YAML::Node& q = item["status_quo"]; q) {
            if (auto v = r_.number_in(q, what + ": status_quo", issue.lo, issue.hi)) {
                issue.has_status_quo = true;
                status_quo = issue.normalise(*v);
            }
        }
        s_.issues.push_back(issue);
        s_.base.status_quo.push_back(status_quo);
    }
}

}  // namespace accord::detail
