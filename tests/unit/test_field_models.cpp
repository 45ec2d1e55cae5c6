// The models from the field that `accord backtest` scores on DEU tables (docs/backtest.md), each on
// a case computed by hand in the comments, and the fitted blends, fitted on training parts only.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "accord/backtest.hpp"
#include "accord/backtest_fitted.hpp"
#include "accord/council_core.hpp"
#include "accord/council_votes.hpp"
#include "accord/nash_status_quo.hpp"
#include "accord/option_winner.hpp"
#include "accord/position_exchange.hpp"
#include "accord/procedural_model.hpp"
#include "accord/shapley_shubik.hpp"

using namespace accord;

TEST_CASE("Shapley-Shubik index by dynamic programming", "[field-models]") {
    // Weights (2, 1, 1), quota 3: of the 6 orderings, the first player turns the coalition winning
    // when it comes second or third (BAC, CAB, BCA, CBA: 4 of 6); B only in ABC, C only in ACB.
    const auto tiny = shapley_shubik({2, 1, 1}, 3);
    CHECK(tiny[0] == Approx(2.0 / 3));
    CHECK(tiny[1] == Approx(1.0 / 6));
    CHECK(tiny[2] == Approx(1.0 / 6));
    // A dummy: weights (3, 1), quota 3: the first player is pivotal in every ordering.
    const auto dummy = shapley_shubik({3, 1}, 3);
    CHECK(dummy[0] == Approx(1.0));
    CHECK(dummy[1] == Approx(0.0).margin(1e-15));
    // The Council of 15 (votes 10 x 4, 8, 5 x 4, 4 x 2, 3 x 3, 2; 62 of 87): an independent brute
    // force over the 2^14 coalitions of the others, summing s! (14 - s)! / 15! (Python, exact
    // integers) gives 0.116667, 0.095460, 0.055175, 0.045360, 0.035254, 0.020690.
    const CouncilVotes& eu15 = council_votes("eu15");
    std::vector<int> votes;
    std::vector<std::string> members;
    for (const auto& [member, v] : eu15.votes) {
        members.push_back(member);
        votes.push_back(v);
    }
    const auto ss = shapley_shubik(votes, eu15.quota);
    double sum = 0;
    for (std::size_t i = 0; i < ss.size(); ++i) {
        sum += ss[i];
        const int v = votes[i];
        const double expected = v == 10 ? 0.116667 : v == 8 ? 0.095460 : v == 5 ? 0.055175
                              : v == 4  ? 0.045360 : v == 3 ? 0.035254 : 0.020690;
        CHECK(ss[i] == Approx(expected).margin(1e-6));
    }
    CHECK(sum == Approx(1.0));
    CHECK_THROWS_AS(shapley_shubik({2, 1}, 4), std::invalid_argument);
    CHECK_THROWS_AS(shapley_shubik({2, -1}, 1), std::invalid_argument);
}

TEST_CASE("The Council's votes per membership", "[field-models]") {
    // Totals and quotas of data/council_votes.csv: 87/62, 321/232, 345/255, 352/260.
    CHECK(council_votes("eu15").total == 87);
    CHECK(council_votes("eu15").quota == 62);
    CHECK(council_votes("eu25").total == 321);
    CHECK(council_votes("eu25").quota == 232);
    CHECK(council_votes("eu27").total == 345);
    CHECK(council_votes("eu27").quota == 255);
    CHECK(council_votes("eu28").total == 352);
    CHECK(council_votes("eu28").quota == 260);
    CHECK(council_votes("eu27").votes.at("ro") == 14);
    CHECK_THROWS_AS(council_votes("eu12"), std::invalid_argument);
    CHECK(council_regime({"de", "fr", "com"}) == "eu15");
    CHECK(council_regime({"de", "pl"}) == "eu25");
    CHECK(council_regime({"de", "pl", "ro"}) == "eu27");
    CHECK(council_regime({"cr", "de"}) == "eu28");
}

TEST_CASE("Procedural model: the setter's proposal that the Council and the Parliament accept", "[field-models]") {
    // Status quo 0, Commission at 100. Council: ideals 20 (1 vote), 40 (2), 70 (2), 90 (2); quota 5
    // of 7. Going up, the members at 90, 70, 40 hold 2, 4, 6 votes: the pivot is 40, and a member
    // at 40 accepts y over 0 while y <= 2 * 40 - 0 = 80, so the Commission proposes 80.
    ProceduralIssue issue;
    issue.status_quo = 0;
    issue.agenda_setter = 100;
    issue.council = {{20, 1}, {40, 2}, {70, 2}, {90, 2}};
    issue.quota = 5;
    CHECK(procedural_outcome(issue) == Approx(80));
    // Unanimity: the member at 20 is pivotal, 2 * 20 = 40.
    issue.unanimity = true;
    CHECK(procedural_outcome(issue) == Approx(40));
    issue.unanimity = false;
    // Codecision with the Parliament at 30: it accepts up to 2 * 30 - 0 = 60 < 80.
    issue.ratifier = 30;
    CHECK(procedural_outcome(issue) == Approx(60));
    // A Commission at 50 inside the accepted interval proposes its own ideal.
    issue.agenda_setter = 50;
    CHECK(procedural_outcome(issue) == Approx(50));
    issue.ratifier.reset();
    // Silent members (3 votes, quota 5 of 10) accept anything: with them, 70 and 90 hold 3 + 4 = 7
    // votes going up, so the pivot is 70 and the reach 140, clipped to the scale: 100.
    issue.agenda_setter = 100;
    issue.silent_votes = 3;
    CHECK(procedural_outcome(issue) == Approx(100));
    issue.silent_votes = 0;
    // Status quo 50, Commission at 0: going down, 20 and 40 hold 1 and 3 votes, 70 then 5, so the
    // pivot is 70 > 50: no move down passes and the status quo holds.
    issue.status_quo = 50;
    issue.agenda_setter = 0;
    CHECK(procedural_outcome(issue) == Approx(50));
    // The same with the Commission above the status quo at 60: up from 50 the pivot is 40 < 50.
    issue.agenda_setter = 60;
    CHECK(procedural_outcome(issue) == Approx(50));
}

TEST_CASE("The Council's core: between the two pivotal members", "[field-models]") {
    // Ideals 20 (1 vote), 40 (2), 70 (2), 90 (2); quota 5 of 7. From the top, 90, 70, 40 hold 2, 4,
    // 6 votes: the upward pivot is 40 (below it the members at 40 and above, 6 >= 5 votes, prefer
    // to move up). From the bottom, 20, 40, 70 hold 1, 3, 5: the downward pivot is 70. Core [40, 70].
    ProceduralIssue issue;
    issue.council = {{20, 1}, {40, 2}, {70, 2}, {90, 2}};
    issue.quota = 5;
    auto core = council_core(issue);
    REQUIRE(core);
    CHECK(core->first == 40);
    CHECK(core->second == 70);
    // Unanimity: every member can block, the core is [lowest, highest] = [20, 90].
    issue.unanimity = true;
    core = council_core(issue);
    REQUIRE(core);
    CHECK(core->first == 20);
    CHECK(core->second == 90);
    issue.unanimity = false;
    // Silent members (3 votes, quota 5 of 10) go with any proposal: up, 3 + 2 (the member at 90)
    // = 5 votes, pivot 90; down, 3 + 1 (20) + 2 (40) = 6, pivot 40. 90 > 40: every point can be
    // replaced by a qualified majority, no core.
    issue.silent_votes = 3;
    CHECK_FALSE(council_core(issue));
    // Silent members holding the quota alone: no core either.
    issue.silent_votes = 5;
    CHECK_FALSE(council_core(issue));
}

TEST_CASE("Nash bargaining with the status quo as the disagreement point", "[field-models]") {
    // Status quo 0; A at 40 with power 1, B at 100 with power 3. Every actor gains only between 0
    // and 2 * 40 = 80; on [40, 80) A gains 40 - (x - 40) = 80 - x and B gains x. Maximise
    // ln(80 - x) + 3 ln x: -1 / (80 - x) + 3 / x = 0, x = 60 (the compromise model says
    // (40 + 300) / 4 = 85, which A values below the status quo).
    CHECK(*nash_status_quo({{40, 1}, {100, 3}}, 0) == Approx(60).epsilon(1e-6));
    // Mirrored: status quo 100, A at 60, B at 0: 40.
    CHECK(*nash_status_quo({{60, 1}, {0, 3}}, 100) == Approx(40).epsilon(1e-6));
    // Equal powers: ln(80 - x) + ln x has its maximum at 40, A's ideal (the left end).
    CHECK(*nash_status_quo({{40, 1}, {100, 1}}, 0) == Approx(40).epsilon(1e-6));
    // An actor without power does not count, even on the other side.
    CHECK(*nash_status_quo({{40, 1}, {100, 3}, {-50, 0}}, 0) == Approx(60).epsilon(1e-6));
    // Actors on both sides of the status quo, or one at it: no point makes all gain.
    CHECK_FALSE(nash_status_quo({{40, 1}, {-10, 1}}, 0));
    CHECK_FALSE(nash_status_quo({{40, 1}, {0, 1}}, 0));
    CHECK_FALSE(nash_status_quo({{40, 0}}, 0));
}

TEST_CASE("Position exchange across two issues", "[field-models]") {
    // A (capability 3) and B (1). Issue 1: A at 0 (salience 0.8), B at 100 (0.4); issue 2: A at 0
    // (0.2), B at 100 (0.6). Compromises: O1 = 0.4 * 100 / (2.4 + 0.4) = 100/7 = 14.29, O2 = 60 /
    // 1.2 = 50. A and B lie on opposite sides of both; 0.8 * 0.6 > 0.2 * 0.4: A gains on issue 1
    // (B moves there towards 0), B gains on issue 2 (A moves towards 100). Shifts of O per unit
    // move: a1 = 0.4 / 2.8 = 1/7, a2 = 3 * 0.2 / 1.2 = 1/2. Equal gains: (1/7) d1 (0.8 + 0.4) =
    // (1/2) d2 (0.2 + 0.6), d2 = (3/7) d1. Bounds: d1 <= min(100, (100/7) / (1/7) = 100), d2 <=
    // min(100, 50 / (1/2) = 100), so d1 = 100, d2 = 300/7 = 42.86. Each gains 0.8 (100/7) - 0.2
    // (300/14) = 50/7. After: B at 0 on issue 1, A at 300/7 on issue 2; compromises 0 and
    // (0.6 * 300/7 + 0.6 * 100) / 1.2 = 500/7 = 71.43.
    std::vector<ExchangeActor> actors = {{3, {0.0, 0.0}, {0.8, 0.2}}, {1, {100.0, 100.0}, {0.4, 0.6}}};
    const auto moved = exchange_positions(actors, 2);
    CHECK(*moved[1][0] == Approx(0).margin(1e-9));
    CHECK(*moved[0][1] == Approx(300.0 / 7));
    CHECK(*moved[0][0] == 0);
    CHECK(*moved[1][1] == 100);
    CHECK(*exchange_compromise(actors, moved, 0) == Approx(0).margin(1e-9));
    CHECK(*exchange_compromise(actors, moved, 1) == Approx(500.0 / 7));
    // Equal relative saliences: no exchange.
    actors[1].salience = {0.4, 0.1};
    const auto none = exchange_positions(actors, 2);
    CHECK(*none[1][0] == 100);
    CHECK(*none[0][1] == 0);
    // An actor without a position on one issue trades on neither.
    actors[1].salience = {0.4, 0.6};
    actors[1].position[1].reset();
    const auto without = exchange_positions(actors, 2);
    CHECK(*without[1][0] == 100);
}

TEST_CASE("Position exchange: each position moves at most once, ties by issue order", "[field-models]") {
    // A and B (capability 1). Issue 1: A at 0 (salience 0.9), B at 100 (0.1); issues 2 and 3: A at
    // 0 (0.1), B at 100 (0.9). Compromises 10, 90, 90. A can give on issue 2 or on issue 3 for B's
    // move on issue 1: shifts 0.1 / 1 on each, equal gains with d_g = d_h, bounds 100 (positions)
    // and 10 / 0.1 = 100 (compromise), so each exchange moves 100 each way for a gain of 0.9 * 0.1 *
    // 100 - 0.1 * 0.1 * 100 = 8. The tie goes to issue 2 (listed first); then B's position on
    // issue 1 has moved and the exchange over issue 3 is not made. Issues 2 and 3 have equal
    // relative saliences (0.1 * 0.9 = 0.9 * 0.1): no exchange between them.
    const std::vector<ExchangeActor> actors = {{1, {0.0, 0.0, 0.0}, {0.9, 0.1, 0.1}},
                                               {1, {100.0, 100.0, 100.0}, {0.1, 0.9, 0.9}}};
    const auto moved = exchange_positions(actors, 3);
    CHECK(*moved[1][0] == Approx(0).margin(1e-9));
    CHECK(*moved[0][1] == Approx(100));
    CHECK(*moved[0][2] == 0);
    CHECK(*exchange_compromise(actors, moved, 0) == Approx(0).margin(1e-9));
    CHECK(*exchange_compromise(actors, moved, 1) == Approx(100));
    CHECK(*exchange_compromise(actors, moved, 2) == Approx(90));
}

TEST_CASE("Which option wins: the largest capability x salience support", "[field-models]") {
    // Options 0 (weights 2 + 1 = 3), 50 (2.5), 100 (2): 0 wins; a fourth option: no prediction.
    const std::vector<StatedOption> three = {{0, 2}, {50, 2.5}, {100, 2}, {0, 1}};
    CHECK(*option_winner(three, 3) == 0);
    auto four = three;
    four.push_back({70, 0.1});
    CHECK_FALSE(option_winner(four, 3));
    CHECK(*option_winner({{30, 1}, {60, 1}}, 3) == 30);  // a tie: the lowest position
    CHECK_FALSE(option_winner({}, 3));
}

TEST_CASE("Blend weight: the exact minimiser of the absolute errors", "[field-models]") {
    // Base 0, target 10 everywhere, observed 2, 5, 10: kinks 0.2, 0.5, 1 with weight 10 each; the
    // weighted median is 0.5, where the errors are 3 + 0 + 5 = 8 (at 0.2: 0 + 3 + 8 = 11; at 1:
    // 8 + 5 + 0 = 13).
    CHECK(fit_blend_weight({0, 0, 0}, {10, 10, 10}, {2, 5, 10}) == Approx(0.5));
    // A target below its base: base 10, target 0, observed 8: kink (8 - 10) / (0 - 10) = 0.2.
    CHECK(fit_blend_weight({10}, {0}, {8}) == Approx(0.2));
    // Clipped to [0, 1]: observed beyond the target, or on the far side of the base.
    CHECK(fit_blend_weight({0}, {10}, {30}) == 1);
    CHECK(fit_blend_weight({0}, {10}, {-5}) == 0);
    CHECK(fit_blend_weight({5, 5}, {5, 5}, {0, 9}) == 0);  // no target differs: 0
}

namespace {

// One issue on a 0-100 scale with the compromise model and the procedural model's predictions.
CasePrediction blend_case(const std::string& proposal, double observed, double compromise, double procedural,
                          const std::string& fold) {
    CasePrediction p{proposal, "x", observed, 100, std::vector<std::optional<double>>(backtest_models().size()),
                     proposal, fold};
    p.predicted[backtest_compromise_model] = compromise;
    p.predicted[backtest_model_index("procedural")] = procedural;
    return p;
}

}  // namespace

TEST_CASE("The blends are fitted on the training part only", "[field-models]") {
    // Odd proposals: observed = the procedural prediction (w = 1 fits them); even proposals:
    // observed = the compromise (w = 0 fits them). Every case: base 0, target 100.
    std::vector<CasePrediction> predictions = {blend_case("A", 100, 0, 100, "odd"), blend_case("B", 100, 0, 100, "odd"),
                                               blend_case("C", 0, 0, 100, "even")};
    const std::size_t blend = backtest_model_index("blend-procedural");
    // Held out odd: fitted on C alone (kink 0): w = 0, so A and B get the compromise's 0.
    auto odd = predictions;
    const auto w_odd = apply_blends(odd, "odd");
    CHECK(w_odd.front().model == "blend-procedural");
    CHECK(w_odd.front().weight == 0);
    CHECK(w_odd.front().cases == 1);
    CHECK(*odd[0].predicted[blend] == 0);
    CHECK_FALSE(odd[2].predicted[blend]);  // not in the part: left alone
    // Held out even: fitted on A and B (kinks 1, 1): w = 1, C gets 100.
    auto even = predictions;
    CHECK(apply_blends(even, "even").front().weight == 1);
    CHECK(*even[2].predicted[blend] == 100);
    // On every case: kinks 0, 1, 1 (weight 100 each), the median 1.
    auto all = predictions;
    CHECK(apply_blends(all, "all").front().weight == 1);
    // errors.csv: on the odd part the blend scores as the compromise model (errors 100, 100), on
    // the even part as the procedural model (error 100); in-sample (w = 1) it errs only on C.
    // Had the held-out part been used, w = 1 on the odd part would score 0 there.
    const auto rows = backtest_errors(predictions, {}, {"odd", "even"}, 3);
    auto mae = [&rows](const std::string& fold) {
        for (const auto& r : rows)
            if (r.model == "blend-procedural" && r.fold == fold) return *r.mae;
        throw std::runtime_error("no blend-procedural row for " + fold);
    };
    CHECK(mae("odd") == Approx(100));
    CHECK(mae("even") == Approx(100));
    CHECK(mae("all") == Approx(100.0 / 3));
}
