// The arithmetic of `accord compare` and `accord summarize` (sim/analysis) on small inputs whose
// results are worked out by hand (intervals: mean +- 1.96 sd / sqrt(n), sd with n - 1; Wilson
// score interval with z = 1.96, docs/interface.md section 4).
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "accord/bins.hpp"
#include "accord/compare.hpp"
#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/stats.hpp"
#include "accord/summarize.hpp"
#include "temp_dir.hpp"

using namespace accord;
using Catch::Matchers::Contains;

namespace {

Scenario with_issues(const std::vector<std::string>& ids) {
    Scenario s;
    s.file = "variant.yaml";
    for (const auto& id : ids) s.issues.push_back(Issue{id, id, 0, 100, {}, {}});
    return s;
}

RunResult run_of(bool agreed, std::vector<double> terms) {
    RunResult r;
    r.agreed = agreed;
    r.terms = std::move(terms);
    return r;
}

// The cells of a CSV text, row by row.
std::vector<std::vector<std::string>> cells(const std::string& text) {
    std::string error;
    int line = 0, column = 0;
    const auto table = parse_csv(text, error, line, column);
    REQUIRE(table);
    std::vector<std::vector<std::string>> out;
    for (const auto& row : table->rows) {
        out.emplace_back();
        for (const auto& cell : row) out.back().push_back(cell.text);
    }
    return out;
}

double number(const std::string& text) {
    return std::stod(text);
}

}  // namespace

TEST_CASE("compare: means of A and B and the paired difference with its interval", "[compare]") {
    // A lists its issues as x, y; B as y, x: terms are matched by issue id.
    const Scenario a = with_issues({"x", "y"}), b = with_issues({"y", "x"});
    const std::vector<RunResult> runs_a = {run_of(true, {0.40, 0.1}), run_of(false, {0.50, 0.1}),
                                           run_of(true, {0.60, 0.1}), run_of(true, {0.70, 0.1})};
    const std::vector<RunResult> runs_b = {run_of(true, {0.1, 0.45}), run_of(true, {0.1, 0.50}),
                                           run_of(true, {0.1, 0.70}), run_of(false, {0.1, 0.65})};
    const auto rows = compare_runs(a, runs_a, b, runs_b);
    REQUIRE(rows.size() == 3);

    // agreed: A 3/4, B 3/4; differences 0, 1, 0, -1: mean 0. Pairs: 2 both, 1 B only, 1 A only, 0 neither.
    // Newcombe's interval by hand: Wilson of 3/4 with n = 4 has centre (0.75 + 0.4802) / 1.9604 = 0.62753 and
    // half-width 1.96 / 1.9604 * sqrt(0.046875 + 0.060025) = 0.32689: 0.44936 below 0.75 and 0.20442 above;
    // phi = -1 / sqrt(3 * 1 * 3 * 1) = -1/3 (2 * 0 - 1 * 1 < 0); each side sqrt(0.44936^2 + 0.20442^2 +
    // 2/3 * 0.44936 * 0.20442) = 0.55222. (The mean +- 1.96 sd / sqrt(n) of the differences was +-0.80017.)
    CHECK(rows[0].quantity == "agreed");
    CHECK(rows[0].a == Approx(0.75));
    CHECK(rows[0].b == Approx(0.75));
    CHECK(rows[0].difference == Approx(0).margin(1e-15));
    CHECK(*rows[0].ci_low == Approx(-0.5522232498726936));
    CHECK(*rows[0].ci_high == Approx(0.5522232498726936));

    // terms.x in units: A 40, 50, 60, 70 (mean 55); B 45, 50, 70, 65 (mean 57.5); differences
    // 5, 0, 10, -5: mean 2.5, sd sqrt(125/3) = 6.45497..., half-width 1.96 sd / 2 = 6.32587...
    CHECK(rows[1].quantity == "terms.x");
    CHECK(rows[1].a == Approx(55));
    CHECK(rows[1].b == Approx(57.5));
    CHECK(rows[1].difference == Approx(2.5));
    CHECK(*rows[1].ci_low == Approx(2.5 - 6.325872798805447));
    CHECK(*rows[1].ci_high == Approx(2.5 + 6.325872798805447));

    // terms.y is 10 in every run of both: no difference, an interval of width 0.
    CHECK(rows[2].quantity == "terms.y");
    CHECK(rows[2].difference == Approx(0).margin(1e-12));
    CHECK(*rows[2].ci_low == Approx(0).margin(1e-12));

    const auto table = cells(comparison_csv(rows));
    CHECK(table[0] == std::vector<std::string>{"quantity", "a", "b", "difference", "ci_low", "ci_high"});
    CHECK(table[2][0] == "terms.x");
    CHECK(number(table[2][3]) == Approx(2.5));
}

TEST_CASE("compare: the interval of paired agreement is Newcombe's, as published and at the edges", "[compare]") {
    // Fagerland, Lydersen & Laake (2017), Statistical Analysis of Contingency Tables, chapter 8, the Cavo et
    // al. (2012) table (59 both, 6 first only, 16 second only, 80 neither): the square-and-add interval
    // of the difference -0.0621 is -0.1186 to -0.0046.
    const Interval published = newcombe_paired_interval(59, 6, 16, 80);
    CHECK(published.low == Approx(-0.1186).margin(5e-5));
    CHECK(published.high == Approx(-0.0046).margin(5e-5));
    // No pair differs in 1,000 runs: the interval keeps a width (Wilson of 0/1000: 0 to 0.0038269).
    const Interval none = newcombe_paired_interval(0, 0, 0, 1000);
    CHECK(none.low == Approx(-0.0038268985863905));
    CHECK(none.high == Approx(0.0038268985863905));
    // Every pair of 3 differs the same way: from -1 to -1 + sqrt(2) * 0.561508 (Wilson's upper end of 0/3,
    // (z^2/n) / (1 + z^2/n), on both sides), within [-1, 1].
    const Interval all = newcombe_paired_interval(0, 0, 3, 0);
    CHECK(all.low == Approx(-1));
    CHECK(all.high == Approx(-0.205901).margin(1e-5));
    // Through compare: 2 runs, A agrees in both, B in neither: difference -1, interval within [-1, 1] (the
    // mean +- 1.96 sd/sqrt(n) of the differences gave [-1, -1]).
    const Scenario a = with_issues({"x"});
    const auto rows = compare_runs(a, {run_of(true, {0.2}), run_of(true, {0.2})}, a,
                                   {run_of(false, {0.3}), run_of(false, {0.3})});
    CHECK(rows[0].difference == Approx(-1));
    CHECK(*rows[0].ci_low == Approx(newcombe_paired_interval(0, 0, 2, 0).low));
    CHECK(*rows[0].ci_low >= -1);
    CHECK(*rows[0].ci_high > -1);
}

TEST_CASE("compare: one run has no interval", "[compare]") {
    const Scenario a = with_issues({"x"});
    const auto rows = compare_runs(a, {run_of(true, {0.2})}, a, {run_of(false, {0.3})});
    CHECK(rows[0].difference == Approx(-1));
    CHECK_FALSE(rows[0].ci_low);
    CHECK(rows[1].difference == Approx(10));
    CHECK(cells(comparison_csv(rows))[1] == std::vector<std::string>{"agreed", "1", "0", "-1", "", ""});
}

TEST_CASE("compare: the terms if agreed are taken over the runs agreed in both variants", "[compare]") {
    // With a status quo, the rows gain terms_if_agreed.<issue>: here run 0 agrees in both (A 40, B 46),
    // run 1 in A only (A 50, B's failed text 90), run 2 in both (A 60, B 70), run 3 in neither (A's
    // failed text 0, B's 100). terms.x pools all four: A 37.5, B 76.5, difference 39; the deals of the
    // runs agreed in both: A 50, B 58, differences 6 and 10, mean 8, sd sqrt(8), half-width
    // 1.96 sqrt(8) / sqrt(2) = 3.92.
    Scenario a = with_issues({"x"});
    a.issues[0].has_status_quo = true;
    auto run = [](bool agreed, double terms) {
        RunResult r = run_of(agreed, {terms});
        r.outcome = {agreed ? terms : 0.2};
        return r;
    };
    const std::vector<RunResult> runs_a = {run(true, 0.40), run(true, 0.50), run(true, 0.60), run(false, 0.0)};
    const std::vector<RunResult> runs_b = {run(true, 0.46), run(false, 0.90), run(true, 0.70), run(false, 1.0)};
    const auto rows = compare_runs(a, runs_a, a, runs_b);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].quantity == "terms.x");
    CHECK(rows[1].difference == Approx(39));
    CHECK(rows[2].quantity == "outcome.x");
    CHECK(rows[3].quantity == "terms_if_agreed.x");
    CHECK(rows[3].pairs == 2);
    CHECK(rows[3].a == Approx(50));
    CHECK(rows[3].b == Approx(58));
    CHECK(rows[3].difference == Approx(8));
    CHECK(*rows[3].ci_low == Approx(8 - 3.92));
    CHECK(*rows[3].ci_high == Approx(8 + 3.92));

    // No run agreed in both: the row is there, with empty cells.
    const auto none = compare_runs(a, {run(true, 0.4), run(false, 0.5)}, a, {run(false, 0.4), run(true, 0.5)});
    REQUIRE(none.size() == 4);
    CHECK_FALSE(none[3].defined);
    CHECK(cells(comparison_csv(none))[4] == std::vector<std::string>{"terms_if_agreed.x", "", "", "", "", ""});
}

TEST_CASE("compare: variants with other issues are refused, naming B's file", "[compare]") {
    const Scenario a = with_issues({"x", "y"});
    Scenario b = with_issues({"x", "z"});
    b.file = "b.yaml";
    try {
        check_comparable(a, b);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().items().at(0).where.file == "b.yaml");
        CHECK_THAT(e.diagnostics().items().at(0).message, Contains("the issues differ (y, z not in both)"));
    }
}

// Every input error has its file:line:column (the house rule); the message used to have the file alone
// (`b.yaml: error: cannot be compared ...`). It points at B's first issue that A lacks, or, when B only
// lacks some of A's, at B's first issue (the list the missing ones belong in).
TEST_CASE("compare: the refusal of other issues is located in B's file", "[compare]") {
    const Scenario a = with_issues({"x", "y"});
    Scenario b = with_issues({"x", "z"});
    b.file = "b.yaml";
    b.issues[0].where = Location{"b.yaml", 3, 5};
    b.issues[1].where = Location{"b.yaml", 7, 5};
    try {
        check_comparable(a, b);
        FAIL("no error");
    } catch (const InputError& e) {
        const auto& where = e.diagnostics().items().at(0).where;
        CHECK(where.file == "b.yaml");
        CHECK(where.line == 7);
        CHECK(where.column == 5);
    }
    Scenario fewer = with_issues({"x"});
    fewer.file = "b.yaml";
    fewer.issues[0].where = Location{"b.yaml", 3, 5};
    try {
        check_comparable(a, fewer);
        FAIL("no error");
    } catch (const InputError& e) {
        const auto& where = e.diagnostics().items().at(0).where;
        CHECK(where.line == 3);
        CHECK(where.column == 5);
        CHECK_THAT(e.diagnostics().items().at(0).message, Contains("the issues differ (y not in both)"));
    }
}

TEST_CASE("summarize: groups in numeric order, agreement with its Wilson interval, terms mean and sd", "[summarize]") {
    test::TempDir dir;
    test::write_text(dir / "runs.csv",
                     "run,seed,actors.A.capability,agreed,terms.x\n"
                     "0,1,10,1,40\n"
                     "1,2,10,0,50\n"
                     "2,3,2,1,60\n"
                     "3,4,10,1,70\n"
                     "4,5,2,0,80\n");
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"actors.A.capability"}));
    REQUIRE(table.size() == 3);
    CHECK(table[0] == std::vector<std::string>{"actors.A.capability", "runs", "p_agree", "p_agree_low", "p_agree_high",
                                               "terms.x.mean", "terms.x.sd"});
    // 2 before 10: numbers by value, not as text.
    CHECK(table[1][0] == "2");
    CHECK(table[1][1] == "2");
    CHECK(number(table[1][2]) == Approx(0.5));
    CHECK(number(table[1][3]) == Approx(0.09452865480086614));  // Wilson, 1 of 2
    CHECK(number(table[1][4]) == Approx(0.9054713451991339));
    CHECK(number(table[1][5]) == Approx(70));                  // 60, 80
    CHECK(number(table[1][6]) == Approx(14.142135623730951));  // sqrt(200)
    CHECK(table[2][0] == "10");
    CHECK(table[2][1] == "3");
    CHECK(number(table[2][2]) == Approx(2.0 / 3));
    CHECK(number(table[2][3]) == Approx(0.20765495512648796));  // Wilson, 2 of 3
    CHECK(number(table[2][4]) == Approx(0.9385096847238394));
    CHECK(number(table[2][5]) == Approx(160.0 / 3));  // 40, 50, 70
    CHECK(number(table[2][6]) == Approx(15.275252316519467));
}

TEST_CASE("summarize: with outcome columns, the terms over each group's agreed runs only", "[summarize]") {
    // x has a status quo (outcome.x), y has none (its outcome cells empty). Group a: 3 of 4 runs agreed,
    // x over the deals {40, 60, 50}: mean 50, sd sqrt((100 + 100 + 0) / 2) = 10; y {10, 30, 50}: mean 30,
    // sd 20; all runs' x {40, 90, 60, 50} mean 60 (the failed run's text, 90, pooled). Group b: one deal,
    // no sd. Group c: no deal, empty cells.
    test::TempDir dir;
    test::write_text(dir / "runs.csv",
                     "run,g,agreed,terms.x,terms.y,outcome.x,outcome.y\n"
                     "0,a,1,40,10,40,\n"
                     "1,a,0,90,20,0,\n"
                     "2,a,1,60,30,60,\n"
                     "3,b,0,80,70,0,\n"
                     "4,a,1,50,50,50,\n"
                     "5,b,1,20,40,20,\n"
                     "6,c,0,35,45,0,\n");
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"g"}));
    REQUIRE(table.size() == 4);
    CHECK(table[0] == std::vector<std::string>{"g", "runs", "p_agree", "p_agree_low", "p_agree_high", "terms.x.mean",
                                               "terms.x.sd", "terms.y.mean", "terms.y.sd", "outcome.x.mean",
                                               "outcome.x.sd", "outcome.y.mean", "outcome.y.sd", "agreed_runs",
                                               "terms_if_agreed.x.mean", "terms_if_agreed.x.sd",
                                               "terms_if_agreed.y.mean", "terms_if_agreed.y.sd"});
    CHECK(table[1][0] == "a");
    CHECK(table[1][5] == "60");  // every run's terms, the failed run's 90 among them
    CHECK(table[1][9] == "37.5");  // the outcome: (40 + 0 + 60 + 50) / 4
    CHECK(table[1][11] == "");     // y has no status quo
    CHECK(std::vector<std::string>(table[1].begin() + 13, table[1].end()) ==
          std::vector<std::string>{"3", "50", "10", "30", "20"});
    CHECK(std::vector<std::string>(table[2].begin() + 13, table[2].end()) ==
          std::vector<std::string>{"1", "20", "", "40", ""});
    CHECK(std::vector<std::string>(table[3].begin() + 13, table[3].end()) ==
          std::vector<std::string>{"0", "", "", "", ""});
    // The deals' terms: the outcome where a run's issue has one (here it differs from the terms, as under
    // every-round with stop: end, whose terms are the last round's), else the terms.
    test::write_text(dir / "deals.csv",
                     "run,g,agreed,terms.x,terms.y,outcome.x,outcome.y\n"
                     "0,a,1,45,10,40,\n"
                     "1,a,1,65,30,60,\n");
    const auto deals = cells(summarize_runs_file((dir / "deals.csv").string(), {"g"}));
    CHECK(std::vector<std::string>(deals[1].begin() + 13, deals[1].end()) ==
          std::vector<std::string>{"2", "50", "14.142135623730951", "20", "14.142135623730951"});
    // An issue's outcome column missing (x's; y's present): each issue's values stay under its own name
    // (y's outcome was read for x, and x's entry past the columns, before 7 December 2026).
    test::write_text(dir / "no_x.csv",
                     "run,g,agreed,terms.x,terms.y,outcome.y\n"
                     "0,a,1,45,10,12\n"
                     "1,a,1,65,30,32\n");
    const auto no_x = cells(summarize_runs_file((dir / "no_x.csv").string(), {"g"}));
    CHECK(std::vector<std::string>(no_x[1].end() - 5, no_x[1].end()) ==
          std::vector<std::string>{"2", "55", "14.142135623730951", "22", "14.142135623730951"});
    // Without outcome columns (a scenario without status quo) there is no such column.
    test::write_text(dir / "plain.csv", "run,g,agreed,terms.x\n0,a,1,40\n1,a,0,90\n");
    CHECK(cells(summarize_runs_file((dir / "plain.csv").string(), {"g"}))[0].size() == 7);
}

TEST_CASE("summarize: a group of one run has no sd", "[summarize]") {
    test::TempDir dir;
    test::write_text(dir / "runs.csv", "run,agreed,terms.x\n0,1,40\n1,1,50\n");
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"run"}));
    REQUIRE(table.size() == 3);
    CHECK(table[1][0] == "0");
    CHECK(table[1][1] == "1");
    CHECK(table[1][2] == "1");
    CHECK(number(table[1][3]) == Approx(0.2065432914738929));  // Wilson, 1 of 1
    CHECK(table[1][4] == "1");
    CHECK(table[1][5] == "40");
    CHECK(table[1][6] == "");  // the sd of one value is undefined
}

TEST_CASE("summarize: located errors for a column that is not there and a value that is not 0 or 1", "[summarize]") {
    test::TempDir dir;
    test::write_text(dir / "runs.csv", "run,agreed,terms.x\n0,1,40\n1,2,50\n");
    auto error = [&](const std::vector<std::string>& by) -> std::string {
        try {
            summarize_runs_file((dir / "runs.csv").string(), by);
        } catch (const InputError& e) {
            const auto& d = e.diagnostics().items().at(0);
            return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message;
        }
        return "";
    };
    CHECK(error({"rn"}) == "1:1: --by rn: no such column (did you mean 'run'?)");
    CHECK(error({"run"}) == "3:3: 'agreed' must be 0 or 1, found '2'");
}

TEST_CASE("summarize: a file larger than a chunk is read in chunks of whole records, lines kept", "[summarize]") {
    // 60 000 rows of about 30 bytes, read 1 MiB at a time: some quoted cell holding a line break
    // (a group named "a<newline>b") falls across a chunk boundary; the error in the last row names its line
    // in the file (each row two lines: 120 002).
    test::TempDir dir;
    std::string text = "g,agreed,terms.x\n";
    for (int r = 0; r < 60000; ++r) text += "\"a\nb, padding padding\"," + std::to_string(r % 2) + ",40\n";
    test::write_text(dir / "runs.csv", text);
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"g"}));
    REQUIRE(table.size() == 2);
    CHECK(table[1][0] == "a\nb, padding padding");
    CHECK(table[1][1] == "60000");
    CHECK(table[1][2] == "0.5");
    text += "\"a\nb\",2,40\n";
    test::write_text(dir / "runs.csv", text);
    try {
        summarize_runs_file((dir / "runs.csv").string(), {"g"});
        FAIL("no error");
    } catch (const InputError& e) {
        const auto& d = e.diagnostics().items().at(0);
        CHECK(d.where.line == 120003);
        CHECK(d.where.column == 4);
        CHECK(d.message == "'agreed' must be 0 or 1, found '2'");
    }
}

TEST_CASE("summarize: nan is a group of its own, never merged into a number's", "[summarize]") {
    test::TempDir dir;
    test::write_text(dir / "runs.csv", "g,agreed,terms.x\nnan,1,40\n1,0,50\nnan,1,60\n2,0,70\n-nan,0,80\n");
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"g"}));
    REQUIRE(table.size() == 5);  // the header, 1, 2, -nan, nan
    CHECK(table[1][0] == "1");
    CHECK(table[1][1] == "1");
    CHECK(table[2][0] == "2");
    CHECK(table[2][1] == "1");
    CHECK(table[3][0] == "-nan");
    CHECK(table[4][0] == "nan");
    CHECK(table[4][1] == "2");
}

TEST_CASE("summarize --bins: equal-width bins over [min, max], the last closed, ordered by bin", "[summarize]") {
    test::TempDir dir;
    // p from 0 to 1: 5 bins of width 0.2. 0.2 starts the second bin; 1 is in the last, closed one.
    test::write_text(dir / "runs.csv",
                     "p,agreed,terms.x\n0,1,10\n0.1,0,20\n0.2,1,30\n0.39,1,40\n0.95,0,50\n1,1,60\n0.5,0,70\n");
    const auto table = cells(summarize_runs_file((dir / "runs.csv").string(), {"p"}, {{"p", 5}}));
    REQUIRE(table.size() == 5);  // the header and the bins holding values: 1, 2, 3, 5
    CHECK(table[1][0] == "[0,0.2)");
    CHECK(table[1][1] == "2");
    CHECK(table[1][2] == "0.5");
    CHECK(table[2][0] == "[0.2,0.4)");
    CHECK(table[2][1] == "2");
    CHECK(table[2][2] == "1");
    CHECK(table[3][0] == "[0.4,0.6)");
    CHECK(table[3][1] == "1");
    CHECK(table[4][0] == "[0.8,1]");
    CHECK(table[4][1] == "2");
    CHECK(table[4][5] == "55");  // terms.x.mean of 50 and 60
    // Twelve bins sort by bin, not as text ("[10" before "[2").
    const auto twelve = cells(summarize_runs_file((dir / "runs.csv").string(), {"p"}, {{"p", 12}}));
    CHECK(twelve[1][0] == "[0,0.0833333)");
    CHECK(twelve.back()[0] == "[0.916667,1]");
}

TEST_CASE("summarize --bins: a value on an edge is in the bin the edge opens, labels stay finite and distinct",
          "[summarize]") {
    // A grid of 0.8 to 0.96 in 4 bins: edge 3 is 0.8 + 0.16 * 3 / 4 = 0.9199999999999999 as a double, the
    // very value a grid writes for its fourth point, while (v - lo) / w * 4 = 2.9999999999999996 floors
    // to 2: the bin [0.88,0.92) held it (a reviewer's sweep of the reference scenario).
    const EqualBins grid = equal_bins({0.8, 0.9199999999999999, 0.96}, 4);
    CHECK(grid.edge(3) == 0.9199999999999999);
    CHECK(grid.index(0.9199999999999999) == 3);
    CHECK(grid.label(3) == "[0.92,0.96]");
    CHECK(grid.index(std::nextafter(0.9199999999999999, 0.0)) == 2);
    CHECK(grid.index(0.8) == 0);
    CHECK(grid.index(0.96) == 3);
    // Every value lies within the edges of its bin, on random columns.
    for (int n : {3, 7, 10}) {
        std::vector<double> values;
        for (int k = 0; k <= 1000; ++k) values.push_back(k / 1000.0 * 0.7 - 0.1);
        const EqualBins bins = equal_bins(values, n);
        for (double v : values) {
            const int i = bins.index(v);
            CHECK(v >= bins.edge(i));
            if (i + 1 < n) CHECK(v < bins.edge(i + 1));
        }
    }
    // hi - lo overflows a double: the edges and labels stay finite (they read inf and nan).
    const EqualBins wide = equal_bins({-1e308, 1e308}, 2);
    CHECK(wide.edge(1) == 0);
    CHECK(wide.label(0) == "[-1e+308,0)");
    CHECK(wide.label(1) == "[0,1e+308]");
    CHECK(wide.index(-1e308) == 0);
    CHECK(wide.index(1e308) == 1);
    CHECK(equal_bins({0, 1.7e308}, 4).label(3) == "[1.275e+308,1.7e+308]");
    // Edges 6 digits cannot tell apart get the digits that can.
    const EqualBins close = equal_bins({1e6, 1e6 + 0.004}, 4);
    CHECK(close.label(0) == "[1000000,1000000.001)");
    CHECK(close.label(3) == "[1000000.003,1000000.004]");
    CHECK(equal_bins({0, 1}, 5).label(1) == "[0.2,0.4)");  // 6 digits where they suffice
    // The two smallest doubles: a position computed as (v - lo) / (hi - lo) read 0 / 0 (a review found
    // 14 s for 4 rows, an int made of NaN); the bins are found among the edges.
    const EqualBins tiny = equal_bins({0, 5e-324}, 3);
    for (double v : {0.0, 5e-324}) {
        const int i = tiny.index(v);
        CHECK(i >= 0);
        CHECK(i < 3);
        CHECK(v >= tiny.edge(i));
    }
    CHECK(tiny.index(5e-324) == 2);
}

TEST_CASE("summarize --bins refuses a column not in --by and a cell that is not a number", "[summarize]") {
    test::TempDir dir;
    test::write_text(dir / "runs.csv", "p,q,agreed,terms.x\n0,a,1,10\n1,b,0,20\n");
    auto error = [&](const std::vector<std::string>& by, const std::string& column) {
        try {
            summarize_runs_file((dir / "runs.csv").string(), by, {{column, 3}});
        } catch (const InputError& e) {
            const auto& d = e.diagnostics().items().front();
            return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message;
        }
        return std::string();
    };
    CHECK(error({"q"}, "p") == "1:1: --bins p=3: 'p' is not one of the --by columns");
    CHECK(error({"q"}, "q") == "2:3: --bins q: 'q' must be a finite number, found 'a'");
}
