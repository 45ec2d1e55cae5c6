// The `model:` section: the dynamics, the influence weighting and their parameters.

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_model(const YAML::Node& node) {
    if (!r_.check_map(
            node, "model",
            {"dynamics", "weighting", "coupling", "confidence", "rounds", "tolerance", "variant", "q", "t", "step"}))
        return;
    if (node["dynamics"]) {
        if (auto d = r_.choice(node["dynamics"], "model.dynamics",
                               {"degroot", "friedkin-johnsen", "bounded-confidence", "expected-utility"})) {
            if (*d == "degroot")
                s_.model.dynamics = Dynamics::degroot;
            else if (*d == "friedkin-johnsen")
                s_.model.dynamics = Dynamics::friedkin_johnsen;
            else if (*d == "bounded-confidence")
                s_.model.dynamics = Dynamics::bounded_confidence;
            else
                s_.model.dynamics = Dynamics::expected_utility;
        }
    }
    if (node["weighting"]) {
        if (auto w = r_.choice(node["weighting"], "model.weighting", {"edge", "capability", "capability-salience"}))
            s_.model.weighting = *w == "edge"         ? Weighting::edge
                                 : *w == "capability" ? Weighting::capability
                                                      : Weighting::capability_salience;
    }
    if (node["variant"]) {
        if (auto v = r_.choice(node["variant"], "model.variant", {"bdm", "scholz2011"}))
            s_.model.variant = *v == "bdm" ? EuVariant::bdm : EuVariant::scholz2011;
    }
    if (node["q"]) set_if_read(s_.model.q, r_.number_in(node["q"], "model.q", 0, 1));
    if (node["t"]) set_if_read(s_.model.t, r_.number_in(node["t"], "model.t", 0, 1));
    if (node["confidence"]) set_if_read(s_.base.confidence, r_.number_in(node["confidence"], "model.confidence", 0, 1));
    if (node["rounds"]) set_if_read(s_.base.rounds, r_.integer(node["rounds"], "model.rounds", 0, limits_.max_rounds));
    if (node["step"]) {
        step_where_ = r_.at(node["step"]);
        if (auto v = r_.number(node["step"], "model.step")) {
            if (!(*v > 0 && *v <= 1))
                r_.error(step_where_, fmt::format("model.step must be in (0, 1] (the share of the way to its target a "
                                                  "stance moves in one round), found {}",
                                                  format_number(*v)));
            else
                s_.base.step = *v;
        }
    }
    if (node["tolerance"]) {
        if (auto t = r_.number(node["tolerance"], "model.tolerance")) {
            if (*t <= 0)
                r_.error(r_.at(node["tolerance"]),
                         fmt::format("model.tolerance must be > 0, found {}", format_number(*t)));
            else
                s_.base.tolerance = *t;
        }
    }
    if (node["coupling"]) load_coupling(node["coupling"]);
}

// `model.coupling`: one row of one number per issue for each issue.
void ScenarioBuilder::load_coupling(const YAML::Node& c) {
    const std::size_t m = s_.issues.size();
    if (!c.IsSequence() || c.size() != m) {
        r_.error(r_.at(c),
                 fmt::format("model.coupling must be a square matrix with one row per issue ({} rows of "
                             "{} numbers), found {}",
                             m, m, c.IsSequence() ? fmt::format("{} rows", c.size()) : YamlReader::describe(c)));
        return;
    }
    Eigen::MatrixXd matrix(static_cast<long>(m), static_cast<long>(m));
    bool ok = true;
    for (std::size_t k = 0; k < m; ++k) {
        const YAML::Node& row = c[k];
        if (!row.IsSequence() || row.size() != m) {
            r_.error(r_.at(row, r_.at(c)),
                     fmt::format("model.coupling row {} must have {} numbers, one per issue", k + 1, m));
            ok = false;
            continue;
        }
        for (std::size_t l = 0; l < m; ++l) {
            auto v = r_.number(row[l], fmt::format("model.coupling[{}][{}]", k + 1, l + 1));
            if (!v)
                ok = false;
            else
                matrix(static_cast<long>(k), static_cast<long>(l)) = *v;
        }
    }
    if (ok) s_.model.coupling = matrix;
}

}  // namespace accord::detail
