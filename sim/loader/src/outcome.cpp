// The `outcome:` section: the terms rule, the decision rule and the process keys (docs/models.md
// section 16.1).

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_outcome(const YAML::Node& node, bool& decision_given) {
    if (!r_.check_map(node, "outcome",
                      {"rule", "decision", "threshold", "stop", "decide", "proposer", "acceptance", "temperature",
                       "assurance", "margin"}))
        return;
    for (const char* key : {"rule", "decide", "proposer", "acceptance", "temperature", "assurance", "margin"})
        if (node[key]) outcome_keys_[key] = r_.at(node[key]);
    if (node["rule"]) {
        if (auto v = r_.choice(node["rule"], "outcome.rule", {"weighted-mean", "weighted-median", "nash", "setter"}))
            s_.outcome.rule = *v == "weighted-mean"     ? TermsRule::weighted_mean
                              : *v == "weighted-median" ? TermsRule::weighted_median
                              : *v == "nash"            ? TermsRule::nash
                                                        : TermsRule::setter;
    }
    if (node["decide"]) {
        if (auto v = r_.choice(node["decide"], "outcome.decide", {"every-round", "at-meetings"}))
            s_.outcome.decide = *v == "at-meetings" ? DecideRule::at_meetings : DecideRule::every_round;
    }
    if (node["acceptance"]) {
        if (auto v = r_.choice(node["acceptance"], "outcome.acceptance", {"threshold", "logistic"}))
            s_.outcome.acceptance = *v == "logistic" ? Acceptance::logistic : Acceptance::threshold;
    }
    if (node["temperature"]) {
        if (auto v = r_.number(node["temperature"], "outcome.temperature")) {
            if (!(*v > 0))
                r_.error(r_.at(node["temperature"]),
                         fmt::format("outcome.temperature must be > 0 (in utility units), found {}", format_number(*v)));
            else
                s_.base.temperature = *v;
        }
    }
    if (node["assurance"]) {
        if (auto v = r_.number(node["assurance"], "outcome.assurance")) {
            if (!(*v > 0.5 && *v < 1))
                r_.error(r_.at(node["assurance"]),
                         fmt::format("outcome.assurance must be in (0.5, 1) (the probability with which each needed "
                                     "actor accepts the offer), found {}",
                                     format_number(*v)));
            else
                s_.outcome.assurance = *v;
        }
    }
    if (node["margin"]) {
        s_.outcome.margin_given = true;
        set_if_read(s_.base.margin, r_.number_in(node["margin"], "outcome.margin", -1, 1));
    }
    if (node["proposer"]) {
        if (auto id = r_.text(node["proposer"], "outcome.proposer")) {
            if (*id == "random") {
                s_.outcome.proposer = -1;
            } else {
                s_.outcome.proposer = s_.find_actor(*id);
                if (s_.outcome.proposer < 0) {
                    if (auto message =
                            unknown_actor_error("outcome.proposer", *id, "; the proposer is an actor id or 'random'"))
                        r_.error(r_.at(node["proposer"]), std::move(*message));
                }
            }
        }
    }
    if (node["decision"]) {
        if (auto v = r_.choice(node["decision"], "outcome.decision", {"unanimity", "veto-players", "majority"})) {
            decision_given = true;
            s_.outcome.decision_given = true;
            s_.outcome.decision_where = r_.at(node["decision"]);
            s_.outcome.decision = *v == "unanimity"      ? Decision::unanimity
                                  : *v == "veto-players" ? Decision::veto_players
                                                         : Decision::majority;
        }
    }
    if (node["threshold"]) set_if_read(s_.base.threshold, r_.number_in(node["threshold"], "outcome.threshold", 0, 1));
    if (node["stop"]) {
        if (auto v = r_.choice(node["stop"], "outcome.stop", {"on-agreement", "end"}))
            s_.outcome.stop = *v == "end" ? StopRule::end : StopRule::on_agreement;
    }
}

}  // namespace accord::detail
