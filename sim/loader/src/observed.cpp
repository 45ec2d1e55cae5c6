// The `observed:` section: the outcome that happened, for the backtest.

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_observed(const YAML::Node& node) {
    if (!r_.check_map(node, "observed", {"terms", "agreed", "note"})) return;
    Observed observed;
    observed.terms.assign(s_.issues.size(), std::nullopt);
    if (const YAML::Node& terms = node["terms"]; terms) {
        if (r_.check_open_map(terms, "observed.terms")) {
            for (auto it = terms.begin(); it != terms.end(); ++it) {
                const std::string id = it->first.IsScalar() ? it->first.Scalar() : "";
                const int k = issue_key(r_, s_, it->first, "observed.terms: a term");
                if (k < 0) continue;
                const Issue& issue = s_.issues[static_cast<std::size_t>(k)];
                if (auto v = r_.number_in(it->second, fmt::format("observed.terms.{}", id), issue.lo, issue.hi))
                    observed.terms[static_cast<std::size_t>(k)] = *v;
            }
        }
    }
    if (node["agreed"]) observed.agreed = r_.boolean(node["agreed"], "observed.agreed");
    if (node["note"]) set_if_read(observed.note, r_.text(node["note"], "observed.note"));
    s_.observed = observed;
}

}  // namespace accord::detail
