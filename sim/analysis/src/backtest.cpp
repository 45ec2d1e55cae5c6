#include "accord/backtest.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "accord/backtest_choice.hpp"
#include "accord/backtest_field.hpp"
#include "accord/backtest_fitted.hpp"
#include "accord/backtest_scenario_terms.hpp"
#include "accord/backtest_scores.hpp"
#include "accord/backtest_stack.hpp"
#include "accord/csv.hpp"
#include "accord/decision.hpp"
#include "accord/diagnostics.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/outcome.hpp"
#include "accord/run.hpp"
#include "accord/stream_bytes.hpp"

namespace accord {

const std::vector<std::string>& backtest_models() {
    static const std::vector<std::string> models = [] {
        std::vector<std::string> m = {"scenario", "weighted-mean", "weighted-median", "nash", "expected-utility"};
        for (const auto& f : backtest_field_models()) m.push_back(f);
        for (const auto& b : backtest_blends()) m.push_back(b.name);
        for (const auto& st : backtest_stacks()) m.push_back(st.name);
        for (const auto& choice : choice_cap_models()) m.push_back(choice.name);
        return m;
    }();
    return models;
}

std::size_t backtest_model_index(const std::string& model) {
    const auto& models = backtest_models();
    const auto it = std::find(models.begin(), models.end(), model);
    if (it == models.end()) throw std::invalid_argument("no backtest model '" + model + "'");
    return static_cast<std::size_t>(it - models.begin());
}

namespace {

// The terms a rule proposes from the file's initial positions (no dynamics, no events, no draws).
// Through the decision of the negotiation process, so that `reservation: status-quo` is each actor's
// utility of the status quo (Nash's disagreement point, docs/models.md section 16.5), as in a run.
std::vector<double> rule_on_initial_positions(const Scenario& s, TermsRule rule, std::uint64_t seed) {
    Scenario variant = s;
    variant.outcome.rule = rule;
    return decide(variant, variant.base, initial_positions(variant.base, variant.issue_count()), seed, 0, false).terms;
}

// The expected-utility model's final forecast (the weighted median of the last round) on the file's
// inputs, without their uncertainty.
std::vector<double> expected_utility_forecast(const Scenario& s, std::uint64_t seed) {
    Scenario variant = s;
    variant.model.dynamics = Dynamics::expected_utility;
    variant.outcome.rule = TermsRule::weighted_median;
    variant.outcome.stop = StopRule::end;
    variant.uncertainty.clear();
    return simulate_run(variant, variant.base, seed, false).terms;
}

}  // namespace

CaseForecast backtest_case(const BacktestCase& c, long runs, std::uint64_t seed) {
    const Scenario& s = c.scenario;
    BatchOptions batch;
    batch.runs = runs;
    batch.seed = seed;
    batch.trajectories = 0;
    const auto results = run_monte_carlo(s, s.base, batch);
    long agreed_runs = 0;
    for (const auto& r : results)
        if (r.agreed) ++agreed_runs;
    const std::optional<bool> observed_agreed = s.observed ? s.observed->agreed : std::nullopt;
    const auto scenario_terms = scenario_terms_forecast(results, observed_agreed, s.issues.size());
    const std::vector<std::vector<double>> per_model = {
        scenario_terms, rule_on_initial_positions(s, TermsRule::weighted_mean, seed),
        rule_on_initial_positions(s, TermsRule::weighted_median, seed), rule_on_initial_positions(s, TermsRule::nash, seed),
        expected_utility_forecast(s, seed)};
    CaseForecast out;
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        if (!s.observed || !s.observed->terms[k]) continue;
        const Issue& issue = s.issues[k];
        CasePrediction p{c.name, issue.id, *s.observed->terms[k], issue.hi - issue.lo, {}, c.proposal, "all"};
        for (const auto& terms : per_model)
            p.predicted.push_back(std::isfinite(terms[k]) ? std::optional<double>(issue.to_units(terms[k]))
                                                          : std::nullopt);
        p.predicted.resize(backtest_models().size());  // the field models and blends are filled later
        out.terms.push_back(p);
    }
    if (s.observed && s.observed->agreed)
        out.agreement = AgreementPrediction{c.name, c.proposal, *s.observed->agreed,
                                            frequency_forecast(agreed_runs, runs), "all"};
    return out;
}

std::string cases_csv(const std::vector<CasePrediction>& predictions) {
    CsvRow head;
    head.add("case").add("issue").add("observed");
    for (const auto& m : backtest_models()) head.add(m);
    head.add("fold");
    std::string out = head.line();
    for (const auto& p : predictions) {
        CsvRow row;
        row.add(p.case_name).add(p.issue).add(p.observed);
        for (const auto& v : p.predicted) row.add_optional(v);
        row.add(p.fold);
        out += row.line();
    }
    return out;
}

namespace {

// DEU tables quote every field and separate them by tabs; a field never holds a tab or a quote.
std::vector<std::string> split_tsv(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        std::string field = line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
        if (!field.empty() && field.back() == '\r') field.pop_back();
        if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
        fields.push_back(field);
        if (tab == std::string::npos) return fields;
        start = tab + 1;
    }
}

// "p" or "s" followed by an actor id (built with append: GCC 12 warns falsely on "s" + string).
std::string actor_column(char prefix, const std::string& id) {
    std::string name(1, prefix);
    name.append(id);
    return name;
}

int column_number(const std::string& line, std::size_t field) {
    std::size_t column = 1;
    for (std::size_t i = 0, f = 0; i < line.size() && f < field; ++i, ++column)
        if (line[i] == '\t') ++f;
    return static_cast<int>(column);
}

constexpr double max_gdp_figure = 1e100;

std::optional<double> parse_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// The optional procedure columns of one row: rp a number in [0, 100] or empty; proc COD is
// codecision (anything else is not); counvte Unan or QMV... (DEU III also writes QMV(10)). nullopt
// after an error.
std::optional<DeuProcedure> read_procedure(const std::string& path, const std::string& text, int line,
                                           const std::vector<std::string>& f,
                                           const std::map<std::string, std::size_t>& col, Diagnostics& ds) {
    DeuProcedure p;
    if (const auto rp = col.find("rp"); rp != col.end() && !f[rp->second].empty()) {
        p.reference_point = parse_number(f[rp->second]);
        if (!p.reference_point || *p.reference_point < 0 || *p.reference_point > 100) {
            ds.error(Location{path, line, column_number(text, rp->second)},
                     fmt::format("rp (the reference point) must be a number in [0, 100] or empty, found '{}'",
                                 f[rp->second]));
            return std::nullopt;
        }
    }
    if (const auto proc = col.find("proc"); proc != col.end()) p.codecision = f[proc->second] == "COD";
    if (const auto vote = col.find("counvte"); vote != col.end()) {
        const std::string& v = f[vote->second];
        p.unanimity = v == "Unan";
        if (!p.unanimity && v.rfind("QMV", 0) != 0) {
            ds.error(Location{path, line, column_number(text, vote->second)},
                     fmt::format("counvte (the Council's voting rule) must be QMV or Unan, found '{}'", v));
            return std::nullopt;
        }
    }
    return p;
}

}  // namespace

// One pass over the table, longer than our usual functions for a reason: every column of a row is
// checked where it is read, so that each error names its own line and column.
// Actors: every p<actor> column with a GDP figure on line 2 and an s<actor> column (errors into ds).
std::vector<std::pair<std::string, double>> read_gdp_actors(const std::string& path, const std::string& gdp_line,
                                                             const std::vector<std::string>& names,
                                                             const std::map<std::string, std::size_t>& col,
                                                             Diagnostics& ds) {
    const auto gdp = split_tsv(gdp_line);
    std::vector<std::pair<std::string, double>> actors;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string& n = names[i];
        if (n.size() < 2 || n[0] != 'p') continue;
        const std::string text = i < gdp.size() ? gdp[i] : std::string();
        if (!col.count(actor_column('s', n.substr(1)))) {
            // Not an actor (prnr, proc: no figure), or an actor whose salience column is missing, which
            // was left out of every case silently.
            if (!text.empty())
                ds.error(Location{path, 2, column_number(gdp_line, i)},
                         fmt::format("actor '{}' has a GDP figure on line 2 but the table has no salience column "
                                     "'{}' (empty salience cells read as 50)",
                                     n.substr(1), actor_column('s', n.substr(1))));
            continue;
        }
        const auto figure = parse_number(text);
        // The bound keeps the models' sums of capability x salience x position finite (at 1e307 they overflowed).
        if (!figure || *figure < 0 || *figure > max_gdp_figure) {
            ds.error(Location{path, 2, column_number(gdp_line, i)},
                     text.empty() ? fmt::format("actor '{}': no GDP figure (capability) on line 2", n.substr(1))
                                  : fmt::format("actor '{}': the GDP figure (capability) on line 2 must be a number "
                                                "from 0 to 1e100, found '{}'",
                                                n.substr(1), text));
            continue;
        }
        actors.emplace_back(n.substr(1), *figure);
    }
    return actors;
}

std::vector<BacktestCase> load_deu_cases(const std::string& path, InputFile* read) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError(Location{path, 0, 0}, fmt::format("cannot open the file: {}", std::strerror(errno)));
    // Read once: the bytes parsed are the bytes the manifest fingerprints (a pipe cannot be read twice).
    std::string bytes;
    if (!append_stream_bytes(file, bytes))
        throw InputError(Location{path, 0, 0}, fmt::format("cannot read the file: {}", std::strerror(errno)));
    if (read) *read = InputFile{path, bytes};
    std::istringstream in(bytes);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    // A leading byte order mark, as spreadsheets save text, is not part of the first column's name.
    if (!lines.empty() && lines[0].rfind("\xEF\xBB\xBF", 0) == 0) lines[0].erase(0, 3);
    if (lines.size() < 2)
        throw InputError(Location{path, 1, 1}, "a DEU table needs a header line and a line of GDP figures");
    const auto names = split_tsv(lines[0]);
    std::map<std::string, std::size_t> col;
    Diagnostics ds;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (const auto [at, inserted] = col.emplace(names[i], i); !inserted)
            ds.error(Location{path, 1, column_number(lines[0], i)},
                     fmt::format("the column '{}' is given twice (first as column {}): which to read is unclear",
                                 names[i], at->second + 1));
    for (const char* required : {"prnrnmc", "prnr", "isnr", "out"})
        if (!col.count(required))
            ds.error(Location{path, 1, 1}, fmt::format("the DEU table has no '{}' column", required));
    const auto actors = read_gdp_actors(path, lines[1], names, col, ds);
    if (ds.has_errors()) throw InputError(ds);

    std::vector<BacktestCase> cases;
    long with_outcome = 0;  // rows with an outcome, for the message when none is a case
    for (std::size_t l = 2; l < lines.size(); ++l) {
        if (lines[l].empty()) continue;
        const auto f = split_tsv(lines[l]);
        const int line = static_cast<int>(l) + 1;
        if (f.size() != names.size()) {
            ds.error(Location{path, line, 1},
                     fmt::format("row has {} fields, the header has {}", f.size(), names.size()));
            continue;
        }
        const std::string& out_text = f[col["out"]];
        if (out_text.empty()) continue;  // no observed outcome
        ++with_outcome;
        const auto observed = parse_number(out_text);
        if (!observed || *observed < 0 || *observed > 100) {
            ds.error(Location{path, line, column_number(lines[l], col["out"])},
                     fmt::format("out must be a number in [0, 100], found '{}'", out_text));
            continue;
        }
        const std::string& number_text = f[col["prnrnmc"]];
        const auto number = parse_number(number_text);
        if (!number || *number < 1 || *number != std::floor(*number) || *number > 1e9) {
            ds.error(Location{path, line, column_number(lines[l], col["prnrnmc"])},
                     fmt::format("prnrnmc (the proposal's number) must be a whole number from 1, found '{}'",
                                 number_text));
            continue;
        }
        if (f[col["prnr"]].empty()) {
            ds.error(Location{path, line, column_number(lines[l], col["prnr"])},
                     "prnr (the proposal) is empty: the issues of one proposal are resampled together");
            continue;
        }
        const auto procedure = read_procedure(path, lines[l], line, f, col, ds);
        if (!procedure) continue;
        BacktestCase c;
        c.deu = *procedure;
        c.name = f[col["isnr"]];
        c.proposal = f[col["prnr"]];
        c.proposal_number = static_cast<long>(*number);
        Scenario& s = c.scenario;
        s.file = path;
        s.name = c.name;
        s.issues.push_back(Issue{"outcome", c.name, 0, 100, {}, Location{path, line, 1}, false});
        bool bad = false;
        for (const auto& [id, capability] : actors) {
            const std::size_t pc = col[actor_column('p', id)], sc = col[actor_column('s', id)];
            if (f[pc].empty()) continue;  // the actor took no position
            const auto position = parse_number(f[pc]);
            const auto salience = f[sc].empty() ? std::optional<double>(50) : parse_number(f[sc]);
            if (!position || *position < 0 || *position > 100) {
                ds.error(Location{path, line, column_number(lines[l], pc)},
                         fmt::format("p{} must be a number in [0, 100], found '{}'", id, f[pc]));
                bad = true;
                continue;
            }
            if (!salience || *salience < 0 || *salience > 100) {
                ds.error(Location{path, line, column_number(lines[l], sc)},
                         fmt::format("s{} must be a number in [0, 100], found '{}'", id, f[sc]));
                bad = true;
                continue;
            }
            s.actors.push_back(Actor{id, id, Location{path, line, column_number(lines[l], pc)}, {}});
            ActorParams a;
            a.capability = capability;
            a.position = {*position / 100};
            a.salience = {*salience / 100};
            a.reservation = 0;  // the Nash baseline: disagreement is worth nothing
            s.base.actors.push_back(a);
        }
        if (bad) continue;
        double weight = 0;
        for (const auto& a : s.base.actors) weight += a.capability * a.salience[0];
        if (!(weight > 0)) continue;  // no actor with both a position and weight: nothing to predict
        s.outcome.decision = Decision::unanimity;
        s.outcome.decision_given = true;
        s.observed = Observed{{*observed}, std::nullopt, ""};  // adopted acts only: agreement is not at stake
        cases.push_back(std::move(c));
    }
    if (ds.has_errors()) throw InputError(ds);
    // A table of no case would give files of empty scores and --folds a count of 0 proposals.
    if (cases.empty())
        throw InputError(Location{path, lines.size() > 2 ? 3 : 1, 1},
                         with_outcome == 0
                             ? std::string("no row of the DEU table has an outcome (out): nothing to backtest")
                             : fmt::format("none of the {} rows with an outcome has an actor with a position and weight "
                                           "(GDP figure x salience > 0): nothing to backtest",
                                           with_outcome));
    return cases;
}

}  // namespace accord
