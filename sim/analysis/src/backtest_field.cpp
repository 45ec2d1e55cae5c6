#include "accord/backtest_field.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "accord/choice_model.hpp"
#include "accord/council_core.hpp"
#include "accord/council_votes.hpp"
#include "accord/nash_status_quo.hpp"
#include "accord/option_winner.hpp"
#include "accord/position_exchange.hpp"
#include "accord/procedural_model.hpp"
#include "accord/shapley_shubik.hpp"
#include "accord/stated_position.hpp"
#include "accord/terms.hpp"

namespace accord {

const std::vector<std::string>& backtest_field_models() {
    static const std::vector<std::string> models = {"reference-point", "commission",   "procedural",
                                                    "exchange",        "option-wins",  "voting-power",
                                                    "unweighted-mean", "nash-reference",
                                                    "council-core"};
    return models;
}

namespace {

// The one issue of a DEU case on the 0-100 scale: actor ids, positions, saliences, capabilities.
struct DeuIssue {
    std::vector<std::string> id;
    std::vector<double> position, salience, capability;
    std::optional<double> of(const std::string& actor) const { return stated_position(id, position, actor); }
};

DeuIssue deu_issue(const BacktestCase& c) {
    DeuIssue d;
    const Scenario& s = c.scenario;
    for (std::size_t a = 0; a < s.actors.size(); ++a) {
        d.id.push_back(s.actors[a].id);
        d.position.push_back(100 * s.base.actors[a].position[0]);
        d.salience.push_back(s.base.actors[a].salience[0]);
        d.capability.push_back(s.base.actors[a].capability);
    }
    return d;
}

// The terms' weighted mean (terms.hpp), none where no weight is above 0.
std::optional<double> weighted_mean_or_none(const std::vector<double>& x, const std::vector<double>& w) {
    const double mean = weighted_mean(x, w);
    if (std::isnan(mean)) return std::nullopt;
    return mean;
}

bool in_council(const std::string& id) { return id != "com" && id != "ep"; }

// Member states: their Shapley-Shubik index under the membership's QMV votes; the Commission and
// the Parliament: the largest member's index (as the table's GDP line gives them Germany's figure).
class VotingPower {
public:
    double of(const std::string& regime, const std::string& actor) {
        auto it = index_.find(regime);
        if (it == index_.end()) {
            const CouncilVotes& c = council_votes(regime);
            std::vector<int> votes;
            for (const auto& [member, v] : c.votes) votes.push_back(v);
            const auto ss = shapley_shubik(votes, c.quota);
            std::map<std::string, double> power;
            double largest = 0;
            std::size_t i = 0;
            for (const auto& [member, v] : c.votes) {
                power[member] = ss[i++];
                largest = std::max(largest, power[member]);
            }
            power["com"] = power["ep"] = largest;
            it = index_.emplace(regime, power).first;
        }
        const auto p = it->second.find(actor);
        return p == it->second.end() ? 0.0 : p->second;
    }

private:
    std::map<std::string, std::map<std::string, double>> index_;
};

std::string regime_of(const DeuIssue& d) {
    std::vector<std::string> members;
    for (const auto& id : d.id)
        if (in_council(id)) members.push_back(id);
    return council_regime(members);
}

// The Council of a DEU issue: the members with a stated position and their votes under the
// issue's membership, the silent members' votes, the quota and the rule.
ProceduralIssue council_of(const DeuIssue& d, const DeuProcedure& p) {
    const CouncilVotes& c = council_votes(regime_of(d));
    ProceduralIssue issue;
    double stated = 0;
    for (std::size_t a = 0; a < d.id.size(); ++a) {
        const auto v = c.votes.find(d.id[a]);
        if (v == c.votes.end()) continue;
        issue.council.push_back({d.position[a], static_cast<double>(v->second)});
        stated += v->second;
    }
    issue.silent_votes = c.total - stated;
    issue.quota = c.quota;
    issue.unanimity = p.unanimity;
    return issue;
}

std::optional<double> procedural(const DeuIssue& d, const DeuProcedure& p) {
    const auto commission = d.of("com");
    if (!p.reference_point || !commission) return std::nullopt;
    ProceduralIssue issue = council_of(d, p);
    issue.status_quo = *p.reference_point;
    issue.agenda_setter = *commission;
    if (p.codecision) issue.ratifier = d.of("ep");
    return procedural_outcome(issue);
}

// Nash bargaining with the reference point as the disagreement point, power capability x salience.
std::optional<double> nash_reference(const DeuIssue& d, const DeuProcedure& p) {
    if (!p.reference_point) return std::nullopt;
    std::vector<NashBargainer> actors;
    for (std::size_t a = 0; a < d.id.size(); ++a) actors.push_back({d.position[a], d.capability[a] * d.salience[a]});
    return nash_status_quo(actors, *p.reference_point);
}

// The compromise moved to the nearest point of the Council's core (unchanged without a core).
std::optional<double> core_compromise(const DeuIssue& d, const DeuProcedure& p, std::optional<double> compromise) {
    const auto core = council_core(council_of(d, p));
    if (!compromise || !core) return compromise;
    return std::clamp(*compromise, core->first, core->second);
}

// Position exchange over the DEU cases `members` (the issues of one proposal); the compromise on
// the exchanged positions, per member case.
std::vector<std::optional<double>> exchange(const std::vector<DeuIssue>& issues) {
    std::map<std::string, std::size_t> actor_of;
    std::vector<ExchangeActor> actors;
    for (std::size_t k = 0; k < issues.size(); ++k)
        for (std::size_t a = 0; a < issues[k].id.size(); ++a) {
            const auto [it, added] = actor_of.emplace(issues[k].id[a], actors.size());
            if (added)
                actors.push_back({issues[k].capability[a], std::vector<std::optional<double>>(issues.size()),
                                  std::vector<double>(issues.size(), 0.0)});
            actors[it->second].position[k] = issues[k].position[a];
            actors[it->second].salience[k] = issues[k].salience[a];
        }
    const auto moved = exchange_positions(actors, issues.size());
    std::vector<std::optional<double>> out;
    for (std::size_t k = 0; k < issues.size(); ++k) out.push_back(exchange_compromise(actors, moved, k));
    return out;
}

}  // namespace

void add_field_models(const std::vector<BacktestCase>& cases, std::vector<CaseForecast>& forecasts) {
    const std::size_t first = backtest_model_index(backtest_field_models().front());
    std::map<std::string, std::vector<std::size_t>> proposal_cases;
    VotingPower power;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (!cases[i].deu || forecasts[i].terms.empty()) continue;
        proposal_cases[cases[i].proposal].push_back(i);
        const DeuIssue d = deu_issue(cases[i]);
        const DeuProcedure& p = *cases[i].deu;
        auto& predicted = forecasts[i].terms.front().predicted;
        const auto compromise = predicted[backtest_compromise_model];
        std::vector<StatedOption> options;
        std::vector<double> power_weight;
        const std::string regime = regime_of(d);
        for (std::size_t a = 0; a < d.id.size(); ++a) {
            options.push_back({d.position[a], d.capability[a] * d.salience[a]});
            power_weight.push_back(power.of(regime, d.id[a]) * d.salience[a]);
        }
        predicted[first] = p.reference_point;
        predicted[first + 1] = d.of("com");
        const auto proc = procedural(d, p);
        predicted[first + 2] = proc ? proc : compromise;
        const auto winner = option_winner(options, option_winner_max_options);
        predicted[first + 4] = winner ? winner : compromise;
        predicted[first + 5] = weighted_mean_or_none(d.position, power_weight);
        predicted[first + 6] = weighted_mean_or_none(d.position, std::vector<double>(d.position.size(), 1.0));
        const auto nash = nash_reference(d, p);
        predicted[first + 7] = nash ? nash : compromise;
        predicted[first + 8] = core_compromise(d, p, compromise);
        ChoiceInputs in{d.id, d.position, {}, p.reference_point, !p.unanimity, p.codecision};
        for (std::size_t a = 0; a < d.id.size(); ++a) in.weight.push_back(d.capability[a] * d.salience[a]);
        forecasts[i].terms.front().choice = std::make_shared<const ChoiceIssue>(
            choice_issue(in, forecasts[i].terms.front().observed));
    }
    for (const auto& [proposal, members] : proposal_cases) {
        std::vector<DeuIssue> issues;
        for (std::size_t i : members) issues.push_back(deu_issue(cases[i]));
        const auto exchanged = exchange(issues);
        for (std::size_t m = 0; m < members.size(); ++m)
            forecasts[members[m]].terms.front().predicted[first + 3] = exchanged[m];
    }
}

long procedural_fallbacks(const std::vector<BacktestCase>& cases) {
    long n = 0;
    for (const auto& c : cases) {
        if (!c.deu) continue;
        if (!c.deu->reference_point || !deu_issue(c).of("com")) ++n;
    }
    return n;
}

long nash_reference_fallbacks(const std::vector<BacktestCase>& cases) {
    long n = 0;
    for (const auto& c : cases)
        if (c.deu && !nash_reference(deu_issue(c), *c.deu)) ++n;
    return n;
}

}  // namespace accord
