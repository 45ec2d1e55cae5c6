// Generated scenarios against the reference path: every fast path of the round (rows read in place,
// packed, renumbered, source ranges; scalar and AVX kernels), rows kept from one run to the next, and
// quick decisions, each give the reference path's run (straightforward round, every input recomputed
// after every event, every decision in full) bit for bit. The scenarios are drawn from a fixed
// generator: 1 to 5 issues, 3 to 8 actors, random edges, each dynamics, weighting, terms rule (the
// agenda setter's among them), decision rule and stop rule, ratifiers, logistic acceptance, status
// quos with status-quo reservations and a margin, meetings, and events at random rounds setting
// parameters of every kind an event can set (weights of existing, new and zeroed edges among them).
// The shipped scenarios and the hand-written variants of test_round_paths.cpp and
// test_decision_paths.cpp cover what analysts write; this covers the combinations nobody wrote, as
// the fuzzing of the reviews of issue 13 did outside the suite. It compares paths within one build:
// a change every path shares is for the golden tests and bench/same_bytes.sh to catch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "accord/rows_reuse.hpp"
#include "accord/run.hpp"
#include "same_run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// Draws from the standard's mt19937_64, whose outputs the standard fixes (its distributions it does
// not), so that every platform generates the same scenarios.
class Draw {
public:
    explicit Draw(std::uint64_t seed) : g_(seed) {}
    double unit() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * unit(); }
    int below(int n) { return static_cast<int>(g_() % static_cast<std::uint64_t>(n)); }
    bool chance(double p) { return unit() < p; }
    // One of the choices, by value (the choices are usually a temporary list).
    std::string one_of(const std::vector<std::string>& choices) {
        return choices[static_cast<std::size_t>(below(static_cast<int>(choices.size())))];
    }

private:
    std::mt19937_64 g_;
};

std::string number(double v) {
    std::ostringstream out;
    out.precision(4);
    out << v;
    return out.str();
}

struct Generated {
    std::string text;
    bool status_quo = false;
};

// Scenario `index` of the generator, as YAML.
Generated generate(std::uint64_t index) {
    Draw d(0x5eed0000 + index);
    const int m = 1 + d.below(5);
    const int n = 3 + d.below(6);
    const bool status_quo = d.chance(0.4);
    const std::string dynamics = d.one_of({"friedkin-johnsen", "degroot", "bounded-confidence"});
    const std::string rule =
        d.one_of({"weighted-mean", "weighted-mean", "weighted-median", "nash", "setter"});
    const std::string decision = d.one_of({"unanimity", "veto-players", "majority"});
    const bool meetings = d.chance(0.25);
    // Appended, not `"A" + std::to_string(i)`: GCC 12 warns falsely (-Wrestrict) on a literal plus a string.
    auto actor = [](int i) { return std::string("A").append(std::to_string(i)); };
    auto issue = [](int k) { return std::string("i").append(std::to_string(k)); };

    std::ostringstream y;
    y << "accord: 1\nissues: [";
    for (int k = 0; k < m; ++k)
        y << (k ? ", " : "") << "{id: " << issue(k) << (status_quo ? std::string(", status_quo: ").append(number(d.between(0, 100))) : "")
          << "}";
    y << "]\nactors:\n";
    std::vector<char> vetoes(static_cast<std::size_t>(n));  // each actor's veto in the file
    for (int i = 0; i < n; ++i) {
        y << "  - {id: " << actor(i) << ", capability: " << (d.chance(0.15) ? "0" : number(d.between(0.2, 5)))
          << ", positions: {";
        for (int k = 0; k < m; ++k) y << (k ? ", " : "") << issue(k) << ": " << number(d.between(0, 100));
        y << "}, salience: {";
        for (int k = 0; k < m; ++k) y << (k ? ", " : "") << issue(k) << ": " << number(d.between(0.05, 1));
        y << "}, stubbornness: " << number(d.between(0, 0.8));
        if (d.chance(0.3)) y << ", self_weight: " << (d.chance(0.3) ? "0" : number(d.between(0.2, 2)));
        if (status_quo && d.chance(0.5))
            y << ", reservation: status-quo";
        else
            y << ", reservation: " << number(d.between(0.2, 0.95));
        vetoes[static_cast<std::size_t>(i)] = d.chance(0.5) || (i == 0 && decision == "veto-players");  // needs one
        if (vetoes[static_cast<std::size_t>(i)]) y << ", veto: true";
        if (i + 1 < n && d.chance(0.3)) y << ", ratifiers: [" << actor(i + 1 + d.below(n - i - 1)) << "]";
        y << "}\n";
    }
    y << "influence:\n";
    int edges = 0;
    for (int to = 0; to < n; ++to)
        for (int from = 0; from < n; ++from)
            if (from != to && d.chance(0.45)) {
                y << "  - {from: " << actor(from) << ", to: " << actor(to)
                  << ", weight: " << (d.chance(0.1) ? "0" : number(d.between(0.05, 1))) << "}\n";
                ++edges;
            }
    if (edges == 0) y << "  - {from: A0, to: A1, weight: 0.5}\n";

    y << "model: {dynamics: " << dynamics << ", weighting: "
      << d.one_of({"capability-salience", "capability", "edge"}) << ", rounds: " << 16 + d.below(20);
    if (dynamics == "bounded-confidence") y << ", confidence: " << number(d.between(0.15, 0.7));
    if (d.chance(0.3)) y << ", step: " << number(d.between(0.2, 1));
    if (d.chance(0.3)) y << ", tolerance: 1.0e-4";
    if (m == 2 && d.chance(0.3)) y << ", coupling: [[1, 0], [0.3, 0.7]]";
    y << "}\noutcome: {rule: " << rule << ", decision: " << decision
      << ", stop: " << (d.chance(0.3) ? "end" : "on-agreement");
    if (decision == "majority") y << ", threshold: " << number(d.between(0.3, 0.8));
    if (status_quo && d.chance(0.5)) y << ", margin: " << number(d.between(-0.2, 0.3));
    if (rule == "setter") y << ", proposer: " << (d.chance(0.5) ? std::string("random") : actor(d.below(n)));
    if (meetings) y << ", decide: at-meetings";
    if (meetings && d.chance(0.4)) y << ", acceptance: logistic, temperature: 0.05" << (rule == "setter" ? ", assurance: 0.8" : "");
    y << "}\n";

    // Events: parameters of every kind an event sets, at random rounds.
    // Events must be listed in date order: gathered with their rounds, then sorted (stably).
    std::vector<std::pair<int, std::string>> listed;
    if (meetings)
        for (int at : {4, 9}) listed.emplace_back(at, "name: meeting, meeting: true");
    const int events = 1 + d.below(4);
    for (int event = 0; event < events; ++event) {
        const int at = 1 + d.below(15);
        std::vector<std::pair<std::string, std::string>> set;  // path, value; a path once (a YAML map)
        // Half the events set one parameter, so that what each kind alone recomputes is seen.
        const int sets = d.chance(0.5) ? 1 : 1 + d.below(3);
        for (int a = 0; a < sets; ++a) {
            const int i = d.below(n);
            const std::string who = std::string("actors.").append(actor(i));
            std::string path, value;
            switch (d.below(11)) {
                case 0: path = who + ".capability", value = number(d.chance(0.2) ? 0 : d.between(0.2, 6)); break;
                case 1: path = who + ".salience." + issue(d.below(m)), value = number(d.between(0, 1)); break;
                case 2: path = who + ".positions." + issue(d.below(m)), value = number(d.between(0, 100)); break;
                case 3: path = who + ".stubbornness", value = number(d.between(0, 0.9)); break;
                case 4: path = who + ".self_weight", value = number(d.chance(0.3) ? 0 : d.between(0.2, 2)); break;
                case 5: path = who + ".reservation", value = number(d.between(0.1, 0.95)); break;
                case 6:  // the veto the actor did not have in the file
                    path = who + ".veto", value = vetoes[static_cast<std::size_t>(i)] ? "false" : "true";
                    break;
                case 7:
                case 8: {
                    // An edge that may exist or not; a weight that may be 0 (the rows change shape).
                    const int from = d.below(n);
                    const int to = (from + 1 + d.below(n - 1)) % n;
                    path = std::string("influence.").append(actor(from)).append("->").append(actor(to)).append(".weight");
                    value = number(d.chance(0.25) ? 0 : d.between(0.05, 1));
                    break;
                }
                case 9: path = "model.step", value = number(d.between(0.2, 1)); break;
                default:
                    if (dynamics == "bounded-confidence")
                        path = "model.confidence", value = number(d.between(0.1, 0.8));
                    else if (decision == "majority")
                        path = "outcome.threshold", value = number(d.between(0.3, 0.8));
                    else
                        path = "model.rounds", value = std::to_string(16 + d.below(20));
            }
            if (std::none_of(set.begin(), set.end(), [&](const auto& p) { return p.first == path; }))
                set.emplace_back(path, value);
        }
        std::string text = "set: {";
        for (std::size_t i = 0; i < set.size(); ++i) text += (i ? ", " : "") + set[i].first + ": " + set[i].second;
        listed.emplace_back(at, text + "}");
    }
    std::stable_sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    y << "events:\n";
    for (const auto& [at, event] : listed) y << "  - {at: " << at << ", " << event << "}\n";
    // Draws at each run's start: a position, a capability and an edge's weight.
    y << "uncertainty:\n  actors.A0.positions.i0: {uniform: [0, 100]}\n";
    if (d.chance(0.5)) y << "  actors." << actor(1 + d.below(n - 1)) << ".capability: {uniform: [0.5, 4]}\n";
    if (d.chance(0.5)) y << "  influence.A2->A0.weight: {uniform: [0, 1]}\n";
    return {y.str(), status_quo};
}

using Outcome = std::variant<RunResult, std::string>;

Outcome run_on(const Scenario& s, std::uint64_t seed, bool record, RoundPath path, RowsReuse reuse,
               DecisionPath decisions) {
    try {
        return simulate_run(s, s.base, s.uncertainty, seed, record, path, reuse, decisions);
    } catch (const RunError& e) {
        return std::string(e.what());
    }
}

void check_same(const Outcome& a, const Outcome& reference) {
    REQUIRE(a.index() == reference.index());
    if (a.index() == 1)
        CHECK(std::get<1>(a) == std::get<1>(reference));
    else
        test::check_same_run(std::get<0>(a), std::get<0>(reference));
}

constexpr int generated_scenarios = 60;
constexpr int seeds = 6;

}  // namespace

TEST_CASE("Generated scenarios give the reference path's runs on every round path and decision path",
          "[round][decision]") {
    int agreed = 0, failed = 0, runs = 0, with_status_quo = 0;
    for (int index = 0; index < generated_scenarios; ++index) {
        const Generated g = generate(static_cast<std::uint64_t>(index));
        INFO("generated scenario " << index << ":\n" << g.text);
        const Scenario s = test::scenario_from_text(g.text);
        with_status_quo += g.status_quo;
        const RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
        for (int r = 0; r < seeds; ++r) {
            const std::uint64_t seed = 1 + static_cast<std::uint64_t>(r);
            const bool record = r == 0;
            INFO("seed " << seed);
            const Outcome reference = run_on(s, seed, record, RoundPath::reference, {}, DecisionPath::full);
            ++runs;
            if (reference.index() == 1)
                ++failed;
            else
                agreed += std::get<0>(reference).agreed;
            for (const RoundPath path : {RoundPath::fast, RoundPath::packed, RoundPath::renumbered,
                                         RoundPath::packed_scalar, RoundPath::packed_avx, RoundPath::ranges_scalar,
                                         RoundPath::ranges_avx, RoundPath::direct_scalar, RoundPath::direct_avx})
                for (const DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
                    INFO("round path " << static_cast<int>(path) << ", decision path " << static_cast<int>(decisions));
                    check_same(run_on(s, seed, record, path, {}, decisions), reference);
                }
            // Rows kept from the thread's last run of the same start (none when draws or events reach them).
            INFO("rows kept across runs");
            check_same(run_on(s, seed, record, RoundPath::fast, reuse, DecisionPath::quick), reference);
        }
    }
    // The generator reaches both outcomes, some numeric failures aside, and status quos.
    CHECK(runs == generated_scenarios * seeds);
    CHECK(agreed > runs / 10);
    CHECK(agreed < runs - runs / 10);
    CHECK(failed < runs / 10);
    CHECK(with_status_quo >= generated_scenarios / 5);
}
