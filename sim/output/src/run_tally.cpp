#include "accord/run_tally.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "accord/results.hpp"

namespace accord {

RunTally::RunTally(const Scenario& s, long expected_runs)
    : scenario_(&s),
      terms_(s.issues.size()),
      outcome_(s.issues.size()),
      needed_(s.actors.size(), false),
      blocked_(s.actors.size(), 0) {
    const auto n = static_cast<std::size_t>(std::max(0L, expected_runs));
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        terms_[k].reserve(n);
        if (s.has_status_quo() && s.issues[k].has_status_quo) outcome_[k].reserve(n);
    }
    if (s.has_status_quo()) agreed_runs_.reserve(n);
}

void RunTally::add(const RunResult& r) {
    if (rows_) throw std::logic_error("RunTally::add after rows()");
    const Scenario& s = *scenario_;
    ++runs_;
    agreed_ += r.agreed;
    if (r.agreement_round) ++rounds_[*r.agreement_round];
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        terms_[k].push_back(s.issues[k].to_units(r.terms[k]));
        if (s.has_status_quo() && s.issues[k].has_status_quo && !r.outcome.empty())
            outcome_[k].push_back(s.issues[k].to_units(r.outcome[k]));
    }
    if (s.has_status_quo()) agreed_runs_.push_back(r.agreed);
    for (const ActorVerdict& v : r.final_needed) needed_[static_cast<std::size_t>(v.actor)] = true;
    if (r.agreed) return;
    failed_without_text_ += !r.final_offer_feasible;
    failed_without_offer_in_zone_ += !r.final_offer_feasible && r.final_zone.value_or(false);
    failed_without_offer_zone_unknown_ += !r.final_offer_feasible && !r.final_zone;
    failed_without_decision_ += !r.final_decision_round;
    // A decision lists its needed actors in listed order, each once (decision.hpp): then each refusal
    // is counted as it comes, with no list to sort (a sort of every actor per failed run of a big
    // network). Any other order is sorted and made unique first, as before.
    int last = -1;
    bool increasing = true;
    for (const ActorVerdict& v : r.final_needed)
        if (!v.accepted) {
            increasing = increasing && v.actor > last;
            last = v.actor;
        }
    if (increasing) {
        for (const ActorVerdict& v : r.final_needed)
            if (!v.accepted) ++blocked_[static_cast<std::size_t>(v.actor)];
        return;
    }
    std::vector<int> refused;
    for (const ActorVerdict& v : r.final_needed)
        if (!v.accepted) refused.push_back(v.actor);
    std::sort(refused.begin(), refused.end());
    refused.erase(std::unique(refused.begin(), refused.end()), refused.end());
    for (int actor : refused) ++blocked_[static_cast<std::size_t>(actor)];
}

const std::vector<SummaryRow>& RunTally::rows() {
    if (rows_) return *rows_;
    const Scenario& s = *scenario_;
    const std::size_t m = s.issues.size();
    std::vector<std::pair<double, long>> rounds;
    for (const auto& [round, count] : rounds_) rounds.emplace_back(round, count);
    std::vector<SummaryRow> rows;
    rows.push_back({"agreed", summarize_proportion_counts(runs_ - agreed_, agreed_)});
    rows.push_back({"agreement_round", summarize_counts(rounds)});
    // terms_if_agreed first, while the terms are still in run order; then each column is moved into
    // summarize(), which sorts it, and released. The deals' terms: the outcome where the issue has a
    // status quo (under every-round with stop: end a run's terms are its last round's, not its deal's).
    std::vector<Summary> if_agreed(s.has_status_quo() ? m : 0);
    for (std::size_t k = 0; k < if_agreed.size(); ++k)
        if_agreed[k] = summarize_kept(
            s.issues[k].has_status_quo && outcome_[k].size() == terms_[k].size() ? outcome_[k] : terms_[k],
            agreed_runs_, agreed_);
    agreed_runs_ = {};
    for (std::size_t k = 0; k < m; ++k) {
        rows.push_back({"terms." + s.issues[k].id, summarize(std::move(terms_[k]))});
        terms_[k] = {};
    }
    if (s.has_status_quo()) {
        for (std::size_t k = 0; k < m; ++k) {
            rows.push_back({"outcome." + s.issues[k].id,
                            s.issues[k].has_status_quo ? summarize(std::move(outcome_[k])) : summarize({})});
            outcome_[k] = {};
        }
        for (std::size_t k = 0; k < m; ++k) rows.push_back({"terms_if_agreed." + s.issues[k].id, if_agreed[k]});
    }
    for (int round : meeting_rounds(s)) {
        const auto at = rounds_.find(round);
        const long ones = at == rounds_.end() ? 0 : at->second;
        rows.push_back({fmt::format("agreed_at.{}", round), summarize_proportion_counts(runs_ - ones, ones)});
    }
    for (const BlockerShare& b : blockers())
        rows.push_back({"blocked_by." + s.actors[static_cast<std::size_t>(b.actor)].id, b.summary});
    rows_ = std::move(rows);
    return *rows_;
}

std::vector<BlockerShare> RunTally::blockers() const {
    std::vector<BlockerShare> shares;
    for (std::size_t i = 0; i < needed_.size(); ++i)
        if (needed_[i])
            shares.push_back({static_cast<int>(i), summarize_proportion_counts(failed() - blocked_[i], blocked_[i])});
    return shares;
}

double RunTally::bytes_per_run(const Scenario& s) {
    double columns = static_cast<double>(s.issues.size());
    if (s.has_status_quo())
        for (const Issue& issue : s.issues) columns += issue.has_status_quo;
    // One more column: the copy summarize() sorts (terms_if_agreed's), and a bit a run for agreed_runs_.
    return 8 * (columns + 1) + (s.has_status_quo() ? 0.125 : 0);
}

std::optional<int> RunTally::agreement_round_at(int percent) const {
    long by = 0;
    for (const auto& [round, count] : rounds_) {
        by += count;
        if (by * 100 >= static_cast<long>(percent) * agreed_) return round;
    }
    return std::nullopt;
}

}  // namespace accord
