#include "accord/results.hpp"

#include <fmt/format.h>

#include "accord/csv.hpp"

namespace accord {

namespace {

std::string date_of(const Scenario& s, int round) {
    return s.calendar ? format_date(s.calendar->date_of(round)) : std::string();
}

}  // namespace

std::vector<int> meeting_rounds(const Scenario& s) {
    std::vector<int> rounds;
    if (s.outcome.decide != DecideRule::at_meetings) return rounds;
    for (const Event& e : s.events)
        if (e.meeting && (rounds.empty() || rounds.back() != e.round)) rounds.push_back(e.round);
    return rounds;
}

std::vector<SummaryRow> summarize_runs(const Scenario& s, const std::vector<RunResult>& results) {
    RunTally tally(s, static_cast<long>(results.size()));
    for (const RunResult& r : results) tally.add(r);
    return tally.rows();
}

std::vector<BlockerShare> blocker_shares(const Scenario& s, const std::vector<RunResult>& results) {
    RunTally tally(s, 0);
    for (const RunResult& r : results) tally.add(r);
    return tally.blockers();
}

void add_outcome_header(CsvRow& row, const Scenario& s, const std::vector<Uncertain>& draws) {
    row.add("rounds").add("converged").add("agreed").add("agreement_round").add("agreement_date");
    for (const auto& issue : s.issues) row.add("terms." + issue.id);
    for (const auto& u : draws) row.add(u.name);
    // The negotiation process (docs/models.md sections 16.4 and 16.10), after every original column.
    if (s.has_status_quo())
        for (const auto& issue : s.issues) row.add("outcome." + issue.id);
    if (s.outcome.rule == TermsRule::setter) row.add("proposer");
}

void add_param_value(CsvRow& row, const ParamPath& path, double value) {
    if (path.kind == ParamKind::rounds)
        row.add_int(static_cast<long long>(value));  // clamped to a whole number of at most 10^7
    else
        row.add(value);
}

std::string param_value_text(const ParamPath& path, double value) {
    if (path.kind == ParamKind::veto) return value >= 0.5 ? "true" : "false";
    if (path.kind == ParamKind::rounds) return std::to_string(static_cast<long long>(value));
    return format_number(value);
}

void add_outcome_fields(CsvRow& row, const Scenario& s, const std::vector<Uncertain>& draws, const RunResult& r) {
    row.add_int(r.rounds).add_bool(r.converged).add_bool(r.agreed);
    if (r.agreement_round)
        row.add_int(*r.agreement_round).add(date_of(s, *r.agreement_round));
    else
        row.add_empty().add_empty();
    for (std::size_t k = 0; k < s.issues.size(); ++k) row.add(s.issues[k].to_units(r.terms[k]));
    for (std::size_t i = 0; i < r.drawn.size(); ++i) add_param_value(row, draws.at(i).path, r.drawn[i]);
    if (s.has_status_quo())
        for (std::size_t k = 0; k < s.issues.size(); ++k) {
            if (s.issues[k].has_status_quo && !r.outcome.empty())
                row.add(s.issues[k].to_units(r.outcome[k]));
            else
                row.add_empty();
        }
    if (s.outcome.rule == TermsRule::setter) {
        if (r.proposer >= 0)
            row.add(s.actors[static_cast<std::size_t>(r.proposer)].id);
        else
            row.add_empty();
    }
}

std::string runs_header(const Scenario& s, const std::vector<Uncertain>& draws) {
    CsvRow row;
    row.add("run").add("seed");
    add_outcome_header(row, s, draws);
    return row.line();
}

std::string runs_row(const Scenario& s, const std::vector<Uncertain>& draws, long run, const RunResult& r) {
    CsvRow row;
    std::string line;
    append_runs_row(line, row, s, draws, run, r);
    return line;
}

void append_runs_row(std::string& out, CsvRow& row, const Scenario& s, const std::vector<Uncertain>& draws, long run,
                     const RunResult& r) {
    row.add_int(run).add_uint(r.seed);
    add_outcome_fields(row, s, draws, r);
    row.append_line_to(out);
}

namespace {

// trajectory.csv's rows of one recorded round.
std::string trajectory_rows(const Scenario& s, long run, const RoundRecord& rec, const std::string& date) {
    std::string block;
    for (std::size_t i = 0; i < s.actors.size(); ++i)
        for (std::size_t k = 0; k < s.issues.size(); ++k)
            block += CsvRow()
                         .add_int(run)
                         .add_int(rec.round)
                         .add(date)
                         .add(s.actors[i].id)
                         .add(s.issues[k].id)
                         .add(s.issues[k].to_units(rec.positions(static_cast<long>(i), static_cast<long>(k))))
                         .line();
    return block;
}

// terms.csv's rows of one recorded decision.
std::string terms_rows(const Scenario& s, long run, const RoundRecord& rec, const std::string& date) {
    std::string block;
    for (std::size_t k = 0; k < s.issues.size(); ++k)
        block += CsvRow()
                     .add_int(run)
                     .add_int(rec.round)
                     .add(date)
                     .add(s.issues[k].id)
                     .add(s.issues[k].to_units(rec.terms[k]))
                     .add(rec.accepting_share)
                     .add_bool(rec.agreed)
                     .line();
    return block;
}

// zopa.csv's rows of one recorded decision.
std::string zopa_rows(const Scenario& s, long run, const RoundRecord& rec, const std::string& date) {
    std::string block;
    for (const ZopaSlice& z : rec.zopa) {
        const Issue& issue = s.issues[static_cast<std::size_t>(z.issue)];
        CsvRow row;
        row.add_int(run)
            .add_int(rec.round)
            .add(date)
            .add(issue.id)
            .add(z.actor >= 0 ? s.actors[static_cast<std::size_t>(z.actor)].id : std::string("*"));
        if (z.low)
            row.add(issue.to_units(*z.low)).add(issue.to_units(*z.high));
        else
            row.add_empty().add_empty();
        if (z.actor < 0)
            row.add_bool(rec.zone);
        else
            row.add_empty();
        block += row.line();
    }
    return block;
}

// blockers.csv's rows of one run: every needed actor at its final decision.
std::string blockers_rows(const Scenario& s, long run, const RunResult& r) {
    std::string block;
    if (!r.final_decision_round) return block;
    const int round = *r.final_decision_round;
    const std::string date = date_of(s, round);
    for (const ActorVerdict& v : r.final_needed) {
        CsvRow row;
        row.add_int(run)
            .add_int(round)
            .add(date)
            .add(s.actors[static_cast<std::size_t>(v.actor)].id)
            .add(v.utility)
            .add(v.reservation)
            .add(v.utility - v.reservation)
            .add_bool(v.accepted);
        if (r.proposer >= 0)
            row.add(s.actors[static_cast<std::size_t>(r.proposer)].id);
        else
            row.add_empty();
        block += row.line();
    }
    return block;
}

std::string summary_csv(const std::vector<SummaryRow>& rows) {
    std::string out = "quantity,n,mean,sd,min,p05,p50,p95,max,ci_low,ci_high\n";
    for (const SummaryRow& row : rows) {
        const Summary& x = row.summary;
        out += CsvRow()
                   .add(row.quantity)
                   .add_int(x.n)
                   .add_optional(x.mean)
                   .add_optional(x.sd)
                   .add_optional(x.min)
                   .add_optional(x.p05)
                   .add_optional(x.p50)
                   .add_optional(x.p95)
                   .add_optional(x.max)
                   .add_optional(x.ci_low)
                   .add_optional(x.ci_high)
                   .line();
    }
    return out;
}

}  // namespace

RunFiles::RunFiles(const std::filesystem::path& dir, const Scenario& s, const std::vector<Uncertain>& draws)
    : scenario_(&s),
      draws_(draws),
      dir_(dir),
      runs_(dir / "runs.csv"),
      trajectory_(dir / "trajectory.csv"),
      terms_(dir / "terms.csv"),
      blockers_(dir / "blockers.csv"),
      zopa_(dir / "zopa.csv") {
    runs_.write(runs_header(s, draws));
    trajectory_.write("run,round,date,actor,issue,position\n");
    terms_.write("run,round,date,issue,terms,accepting_capability_share,agreed\n");
    blockers_.write("run,round,date,actor,utility,reservation,surplus,accepted,proposer\n");
    zopa_.write("run,round,date,issue,actor,low,high,zone\n");
}

void RunFiles::add(long run, const RunResult& r) {
    const Scenario& s = *scenario_;
    runs_line_.clear();
    append_runs_row(runs_line_, runs_row_, s, draws_, run, r);
    runs_.write(runs_line_);
    for (const RoundRecord& rec : r.trajectory) {
        const std::string date = date_of(s, rec.round);
        trajectory_.write(trajectory_rows(s, run, rec, date));
        if (!rec.decision) continue;  // under at-meetings, terms are put only at the meetings
        terms_.write(terms_rows(s, run, rec, date));
        zopa_.write(zopa_rows(s, run, rec, date));
    }
    blockers_.write(blockers_rows(s, run, r));
    // A failed write (a full disk) stops the batch now, with its cause, not after the last run.
    for (AtomicFile* file : {&runs_, &trajectory_, &terms_, &blockers_, &zopa_})
        if (file->failed()) file->commit();
}

void RunFiles::commit(RunTally& tally, const Manifest& manifest) {
    runs_.commit();
    trajectory_.commit();
    terms_.commit();
    blockers_.commit();
    zopa_.commit();
    write_file_atomically(dir_ / "summary.csv", summary_csv(tally.rows()));
    write_file_atomically(dir_ / "manifest.json", manifest_json(manifest));
}

void write_run_results(const std::filesystem::path& dir, const Scenario& s, const std::vector<Uncertain>& draws,
                       const std::vector<RunResult>& results, const Manifest& manifest) {
    RunFiles files(dir, s, draws);
    RunTally tally(s, static_cast<long>(results.size()));
    for (std::size_t r = 0; r < results.size(); ++r) {
        files.add(static_cast<long>(r), results[r]);
        tally.add(results[r]);
    }
    files.commit(tally, manifest);
}

namespace {
std::string fixed(const std::optional<double>& v, int digits = 1) {
    return v ? fmt::format("{:.{}f}", *v, digits) : std::string("-");
}

std::string label_near(const Issue& issue, double value) {
    const std::string* best = nullptr;
    double best_distance = 0;
    for (const auto& [at, text] : issue.labels) {
        const double d = std::abs(at - value);
        if (!best || d < best_distance) {
            best = &text;
            best_distance = d;
        }
    }
    return best && best_distance <= 0.15 * (issue.hi - issue.lo) ? fmt::format("  (near \"{}\")", *best)
                                                                 : std::string();
}
// An observed agreement is a deal: with a status quo its terms go beside the deals' terms ("terms if
// agreed"), not beside the mean over all runs, which also holds texts nobody accepted. An observed
// failure keeps them beside the terms of all runs, whose failed runs report the last text judged.
bool observed_beside_deals(const Scenario& s) {
    return s.has_status_quo() && !(s.observed && s.observed->agreed == false);
}

// A share at two decimals, except one that is neither 0 nor 1 but would print as 0.00 or 1.00 (4 of 932
// runs, 928 of 932): "<0.01" or ">0.99", lest it read as none or all.
std::string share_text(double share) {
    if (share > 0 && share < 0.005) return "<0.01";
    if (share < 1 && share >= 0.995) return ">0.99";
    return fmt::format("{:.2f}", share);
}

// "  observed X" and "  (near "label")" after an issue's mean, where the console shows them.
std::string annotations(const Scenario& s, std::size_t k, const std::optional<double>& mean) {
    std::string out;
    if (s.observed && s.observed->terms[k]) out += fmt::format("  observed {}", format_number(*s.observed->terms[k]));
    if (mean) out += label_near(s.issues[k], *mean);
    return out;
}
}  // namespace

namespace {

// The blocked_by.<actor> rows of summary.csv with a share above 0, most often first, each share with its
// 95% Wilson interval (ci_low, ci_high: with a few failed runs a share is far from exact): "A 1.00 [0.78 to 1.00]".
std::string who_blocks_list(const std::vector<SummaryRow>& rows) {
    std::vector<std::pair<std::string, const Summary*>> shares;
    const std::string prefix = "blocked_by.";
    for (const SummaryRow& row : rows)
        if (row.quantity.rfind(prefix, 0) == 0 && row.summary.mean && *row.summary.mean > 0)
            shares.emplace_back(row.quantity.substr(prefix.size()), &row.summary);
    std::stable_sort(shares.begin(), shares.end(),
                     [](const auto& a, const auto& b) { return *a.second->mean > *b.second->mean; });
    std::string list;
    for (const auto& [actor, share] : shares) {
        list += fmt::format("{}{} {}", list.empty() ? "" : ", ", actor, share_text(*share->mean));
        // The bounds as the shares are written: 1000 of 1000 has the lower bound 0.9962, read ">0.99", not "1.00".
        if (share->ci_low && share->ci_high)
            list += fmt::format(" [{} to {}]", share_text(*share->ci_low), share_text(*share->ci_high));
    }
    return list;
}

// The failed runs whose final decision had no acceptable text (RunTally::failed_without_text): those
// listed as blocking refused the fallback text, which depends on who drafts (docs/process-guide.md
// section 7), so the lines say so, and under `setter` whether a deal existed all the same: the
// setter's program asks more than the needed parties' reservations (docs/models.md section 16.6):
// under veto-players its own acceptance and its ratifiers', under logistic acceptance a margin.
std::string no_text_lines(const Scenario& s, const RunTally& tally, long failed) {
    const long no_text = tally.failed_without_text();
    if (s.outcome.rule != TermsRule::setter)
        return fmt::format(
            "  no terms met every needed party at the final decision of {} of these {} runs: those "
            "listed refused the text left on the table (here the weighted mean), not a deal that was "
            "possible\n",
            no_text, failed);
    const long in_zone = tally.failed_without_offer_in_zone();
    const long unknown = tally.failed_without_offer_zone_unknown();
    const long empty = no_text - in_zone - unknown;
    const bool majority = s.outcome.decision == Decision::majority;
    const bool vetoes = s.outcome.decision == Decision::veto_players;
    const bool logistic = s.outcome.acceptance == Acceptance::logistic;
    std::string out;
    if (empty > 0 && !majority)
        out += fmt::format(
            "  no terms met every needed party at the final decision of {} of these {} runs: those "
            "listed refused the text left on the table (here the proposer's own stance), not a deal "
            "that was possible\n",
            empty, failed);
    if (empty > 0 && majority)
        out += fmt::format(
            "  no terms met every party at the final decision of {} of these {} runs, nor any that the "
            "proposer would offer to the majority it counts on: those listed refused the text left on "
            "the table (here the proposer's own stance); terms that another majority would accept may "
            "have existed\n",
            empty, failed);
    if (in_zone > 0) {
        const std::string assurance = fmt::format(
            "that each party it consults accepts with probability {} "
            "(outcome.assurance)",
            format_number(s.outcome.assurance));
        const std::string why = vetoes && logistic
                                    ? "it offers only terms that it and its ratifiers accept too, and " + assurance
                                : vetoes   ? std::string("it offers only terms that it and its ratifiers accept too")
                                : logistic ? "it offers only terms " + assurance
                                           : std::string("none was found within the program's rounding");
        out += fmt::format(
            "  terms that every needed party accepts existed at the final decision of {} of these {} "
            "runs (zone 1 in zopa.csv), but the proposer offered none: {}; those listed refused the text "
            "left on the table (here the proposer's own stance), not the deal that was possible\n",
            in_zone, failed, why);
    }
    if (unknown > 0)
        out += fmt::format(
            "  the proposer offered no terms at the final decision of {} of these {} runs, where whether "
            "any terms met every needed party is not known (an event changed model.rounds after it, or "
            "the runs were made without it: RunPlan::final_zone): those listed refused the text left on "
            "the table (here the proposer's own stance)\n",
            unknown, failed);
    return out;
}

// The lines of the negotiation process (docs/models.md sections 16.3, 16.4 and 16.10): when the deal comes, on
// what terms if it comes, what holds without one, and who blocks.
std::string format_process_summary(const Scenario& s, RunTally& tally, const Params& start) {
    std::string out;
    const std::size_t m = s.issues.size();
    const std::vector<SummaryRow>& rows = tally.rows();
    const long agreed = tally.agreed(), failed = tally.failed(), runs = tally.runs();
    auto row_of = [&](const std::string& quantity) -> const Summary* {
        for (const SummaryRow& row : rows)
            if (row.quantity == quantity) return &row.summary;
        return nullptr;
    };
    const std::vector<int> meetings = meeting_rounds(s);
    if (!meetings.empty()) {
        out += "  decisions at meetings (share of all runs agreeing there):\n";
        for (int round : meetings) {
            std::string names;
            for (const Event& e : s.events)
                if (e.meeting && e.round == round && !e.name.empty()) names += (names.empty() ? "" : "; ") + e.name;
            const Summary* at = row_of(fmt::format("agreed_at.{}", round));
            out += fmt::format("    {:>6}  {}{}\n", at && at->mean ? fmt::format("{:.3f}", *at->mean) : "-",
                               s.calendar ? format_date(s.calendar->date_of(round)) : fmt::format("round {}", round),
                               names.empty() ? "" : "  " + names);
        }
    }
    if (s.has_status_quo()) {
        out += fmt::format("  terms if agreed ({} of {} runs):\n", agreed, runs);
        for (std::size_t k = 0; k < m; ++k) {
            const Summary* t = row_of("terms_if_agreed." + s.issues[k].id);
            out += fmt::format("    {:<20} {:>7}", s.issues[k].id, fixed(t ? t->mean : std::nullopt));
            if (t && t->n > 1) out += fmt::format("  [90%: {} to {}]", fixed(t->p05), fixed(t->p95));
            if (observed_beside_deals(s)) out += annotations(s, k, t ? t->mean : std::nullopt);
            out += '\n';
        }
        // The starting status quo: the file's, or what --set fixed it at (every run then holds it).
        std::string quo;
        bool set = false;
        for (std::size_t k = 0; k < m; ++k)
            if (s.issues[k].has_status_quo) {
                quo += fmt::format("{}{} {}", quo.empty() ? "" : ", ", s.issues[k].id,
                                   format_number(s.issues[k].to_units(start.status_quo[k])));
                set = set || start.status_quo[k] != s.base.status_quo[k];
            }
        out += fmt::format("  without agreement the status quo holds ({}: {}): {:.3f} of runs\n",
                           set ? "after --set" : "in the file", quo,
                           runs == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(runs));
    }
    if (failed > 0) {
        const std::string list = who_blocks_list(rows);
        out += fmt::format("  who blocks (share of the {} runs without agreement{}): {}\n", failed,
                           list.empty() ? "" : " [95% interval]",
                           list.empty() ? "no needed actor refused (no offer met them all, or no decision was reached)"
                                        : list);
        // Shares of the failed runs: those that never reached a decision have no blocker, so the shares
        // read low without this line.
        if (const long undecided = tally.failed_without_decision(); undecided > 0)
            out += fmt::format(
                "  {} of these {} runs reached no decision (their rounds ended before the first "
                "meeting): no actor was needed there, so none blocked them\n",
                undecided, failed);
        // Without any acceptable terms the refusals are of the fallback text, which depends on who drafts
        // (docs/process-guide.md section 7): say so, lest the list read as the only cause.
        if (tally.failed_without_text() > 0 && !list.empty()) out += no_text_lines(s, tally, failed);
    }
    return out;
}

}  // namespace

std::string format_run_summary(const Scenario& s, const std::vector<RunResult>& results) {
    RunTally tally(s, static_cast<long>(results.size()));
    for (const RunResult& r : results) tally.add(r);
    return format_run_summary(s, tally);
}

std::string format_run_summary(const Scenario& s, RunTally& tally) { return format_run_summary(s, tally, s.base); }

std::string format_run_summary(const Scenario& s, RunTally& tally, const Params& start) {
    const std::vector<SummaryRow>& rows = tally.rows();
    const long runs = tally.runs();
    std::string out;
    out += fmt::format("{}\n", s.name.empty() ? s.file : s.name);
    const Summary& agreed = rows[0].summary;
    const long count = tally.agreed();
    out += fmt::format("  runs: {}\n", runs);
    if (runs == 1)
        out += fmt::format("  agreement: {}\n", count ? "yes" : "no");
    else
        out += fmt::format("  probability of agreement: {:.3f}  (95% interval {:.3f} to {:.3f}; {} of {} runs)\n",
                           *agreed.mean, *agreed.ci_low, *agreed.ci_high, count, runs);
    // Rounds at which some run agreed (summary.csv's percentiles interpolate between them: an even
    // split between two meetings would give a round, and a date, with no meeting).
    const Summary& round = rows[1].summary;
    if (round.n > 0) {
        const int median = *tally.agreement_round_at(50);
        out += fmt::format("  agreement round: median {}", median);
        if (s.calendar) out += fmt::format(" ({})", format_date(s.calendar->date_of(median)));
        if (round.n > 1)
            out += fmt::format(", 90% of agreed runs between {} and {}", *tally.agreement_round_at(5),
                               *tally.agreement_round_at(95));
        out += '\n';
    }
    // With failed runs the mean mixes deals with texts nobody accepted: the label says so (the deals
    // alone are the "terms if agreed" below, where the scenario has a status quo).
    out += tally.failed() > 0 && runs > 1
               ? "  terms (issue's own units; all runs, a run without agreement with the last text judged):\n"
               : "  terms (issue's own units):\n";
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        const Issue& issue = s.issues[k];
        const Summary& t = rows[2 + k].summary;
        out += fmt::format("    {:<20} {:>7}", issue.id, fixed(t.mean));
        if (t.n > 1) out += fmt::format("  [90%: {} to {}]", fixed(t.p05), fixed(t.p95));
        if (!observed_beside_deals(s)) out += annotations(s, k, t.mean);
        out += '\n';
    }
    out += format_process_summary(s, tally, start);
    return out;
}

}  // namespace accord
