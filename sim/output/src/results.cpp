#include "accord/results.hpp"

#include <fmt/format.h>

#include "accord/csv.hpp"

namespace accord {

namespace {

std::string date_of(const Scenario& s, int round) {
    return s.calendar ? format_date(s.calendar->date_of(round)) : std::string();
}

}  // namespace

std::vector<SummaryRow> summarize_runs(const Scenario& s, const std::vector<RunResult>& results) {
    std::vector<double> agreed, rounds;
    std::vector<std::vector<double>> terms(s.issues.size());
    for (const RunResult& r : results) {
        agreed.push_back(r.agreed ? 1 : 0);
        if (r.agreement_round) rounds.push_back(*r.agreement_round);
        for (std::size_t k = 0; k < s.issues.size(); ++k) terms[k].push_back(s.issues[k].to_units(r.terms[k]));
    }
    std::vector<SummaryRow> rows;
    rows.push_back({"agreed", summarize_proportion(agreed)});
    rows.push_back({"agreement_round", summarize(rounds)});
    for (std::size_t k = 0; k < s.issues.size(); ++k) rows.push_back({"terms." + s.issues[k].id, summarize(terms[k])});
    return rows;
}

void add_outcome_header(CsvRow& row, const Scenario& s) {
    row.add("rounds").add("converged").add("agreed").add("agreement_round").add("agreement_date");
    for (const auto& issue : s.issues) row.add("terms." + issue.id);
    for (const auto& u : s.uncertainty) row.add(u.name);
}

void add_outcome_fields(CsvRow& row, const Scenario& s, const RunResult& r) {
    row.add_int(r.rounds).add_bool(r.converged).add_bool(r.agreed);
    if (r.agreement_round)
        row.add_int(*r.agreement_round).add(date_of(s, *r.agreement_round));
    else
        row.add_empty().add_empty();
    for (std::size_t k = 0; k < s.issues.size(); ++k) row.add(s.issues[k].to_units(r.terms[k]));
    for (double v : r.drawn) row.add(v);
}

std::string runs_header(const Scenario& s) {
    CsvRow row;
    row.add("run").add("seed");
    add_outcome_header(row, s);
    return row.line();
}

std::string runs_row(const Scenario& s, long run, const RunResult& r) {
    CsvRow row;
    row.add_int(run).add(std::to_string(r.seed));
    add_outcome_fields(row, s, r);
    return row.line();
}

void write_run_results(const std::filesystem::path& dir, const Scenario& s, const std::vector<RunResult>& results,
                       const Manifest& manifest) {
    {
        AtomicFile file(dir / "runs.csv");
        file.write(runs_header(s));
        for (std::size_t r = 0; r < results.size(); ++r) file.write(runs_row(s, static_cast<long>(r), results[r]));
        file.commit();
    }
    {
        AtomicFile trajectory(dir / "trajectory.csv");
        AtomicFile terms(dir / "terms.csv");
        trajectory.write("run,round,date,actor,issue,position\n");
        terms.write("run,round,date,issue,terms,accepting_capability_share,agreed\n");
        for (std::size_t r = 0; r < results.size(); ++r) {
            for (const RoundRecord& rec : results[r].trajectory) {
                const std::string date = date_of(s, rec.round);
                std::string block;
                for (std::size_t i = 0; i < s.actors.size(); ++i)
                    for (std::size_t k = 0; k < s.issues.size(); ++k)
                        block +=
                            CsvRow()
                                .add_int(static_cast<long long>(r))
                                .add_int(rec.round)
                                .add(date)
                                .add(s.actors[i].id)
                                .add(s.issues[k].id)
                                .add(s.issues[k].to_units(rec.positions(static_cast<long>(i), static_cast<long>(k))))
                                .line();
                trajectory.write(block);
                block.clear();
                for (std::size_t k = 0; k < s.issues.size(); ++k)
                    block += CsvRow()
                                 .add_int(static_cast<long long>(r))
                                 .add_int(rec.round)
                                 .add(date)
                                 .add(s.issues[k].id)
                                 .add(s.issues[k].to_units(rec.terms[k]))
                                 .add(rec.accepting_share)
                                 .add_bool(rec.agreed)
                                 .line();
                terms.write(block);
            }
        }
        trajectory.commit();
        terms.commit();
    }
    {
        AtomicFile file(dir / "summary.csv");
        file.write("quantity,n,mean,sd,min,p05,p50,p95,max,ci_low,ci_high\n");
        for (const SummaryRow& row : summarize_runs(s, results)) {
            const Summary& x = row.summary;
            file.write(CsvRow()
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
                           .line());
        }
        file.commit();
    }
    write_file_atomically(dir / "manifest.json", manifest_json(manifest));
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
}  // namespace

std::string format_run_summary(const Scenario& s, const std::vector<RunResult>& results) {
    const auto rows = summarize_runs(s, results);
    std::string out;
    out += fmt::format("{}\n", s.name.empty() ? s.file : s.name);
    const Summary& agreed = rows[0].summary;
    long count = 0;
    for (const auto& r : results) count += r.agreed;
    out += fmt::format("  runs: {}\n", results.size());
    if (results.size() == 1)
        out += fmt::format("  agreement: {}\n", count ? "yes" : "no");
    else
        out += fmt::format("  probability of agreement: {:.3f}  (95% interval {:.3f} to {:.3f}; {} of {} runs)\n",
                           *agreed.mean, *agreed.ci_low, *agreed.ci_high, count, results.size());
    const Summary& round = rows[1].summary;
    if (round.n > 0) {
        out += fmt::format("  agreement round: median {}", fixed(round.p50, 0));
        if (s.calendar && round.p50)
            out += fmt::format(" ({})", format_date(s.calendar->date_of(static_cast<int>(std::lround(*round.p50)))));
        if (round.n > 1)
            out += fmt::format(", 90% of agreed runs between {} and {}", fixed(round.p05, 0), fixed(round.p95, 0));
        out += '\n';
    }
    out += "  terms (issue's own units):\n";
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        const Issue& issue = s.issues[k];
        const Summary& t = rows[2 + k].summary;
        out += fmt::format("    {:<20} {:>7}", issue.id, fixed(t.mean));
        if (t.n > 1) out += fmt::format("  [90%: {} to {}]", fixed(t.p05), fixed(t.p95));
        if (s.observed && s.observed->terms[k])
            out += fmt::format("  observed {}", format_number(*s.observed->terms[k]));
        if (t.mean) out += label_near(issue, *t.mean);
        out += '\n';
    }
    return out;
}

}  // namespace accord
