// The stacked models of `accord backtest` (docs/backtest.md): the least-absolute-deviation weights
// on a table computed by hand, and weights fitted on the training part only.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "accord/backtest.hpp"
#include "accord/backtest_stack.hpp"

using namespace accord;

TEST_CASE("Stack weights: the exact least-absolute-deviation convex weights", "[stack]") {
    // Members a, b, c; rows (a, b, c) -> observed: (10, 0, 0) -> 10, (0, 10, 0) -> 10, (0, 0, 10) -> 0,
    // (20, 0, 0) -> 10. With c = 1 - a - b the sum of absolute errors is
    //   10(1 - a) + 10(1 - b) + 10c + |20a - 10| = 30 - 20(a + b) + |20a - 10|,
    // which falls by 20 per unit of b moved from c, so c = 0, b = 1 - a, and then 10 + |20a - 10| is
    // least at a = 1/2 alone: w = (1/2, 1/2, 0), absolute errors 5 + 5 + 0 + 0 = 10.
    const std::vector<std::vector<double>> members = {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}, {20, 0, 0}};
    const std::vector<double> observed = {10, 10, 0, 10};
    const auto w = fit_stack_weights(members, observed);
    REQUIRE(w.size() == 3);
    CHECK(w[0] == Approx(0.5).margin(1e-9));
    CHECK(w[1] == Approx(0.5).margin(1e-9));
    CHECK(w[2] == Approx(0).margin(1e-9));
    double loss = 0;
    for (std::size_t i = 0; i < members.size(); ++i)
        loss += std::abs(w[0] * members[i][0] + w[1] * members[i][1] + w[2] * members[i][2] - observed[i]);
    CHECK(loss == Approx(10).margin(1e-9));
    // Two members, base 0 and target 10, observed 2, 5, 10: the blend's case (test_field_models.cpp),
    // the median of 2, 5, 10 is 5, so w = (1/2, 1/2).
    const auto blend = fit_stack_weights({{0, 10}, {0, 10}, {0, 10}}, {2, 5, 10});
    CHECK(blend[1] == Approx(0.5).margin(1e-9));
    // Observed beyond every member: all the weight on the nearest, as a blend clips to [0, 1].
    CHECK(fit_stack_weights({{0, 10}, {0, 10}}, {30, 40})[1] == Approx(1).margin(1e-9));
    CHECK_THROWS_AS(fit_stack_weights({}, {}), std::invalid_argument);
    CHECK_THROWS_AS(fit_stack_weights({{1, 2}, {1}}, {0, 0}), std::invalid_argument);
}

namespace {

// One issue on a 0-100 scale with the three members of `stack` (weighted-mean, unweighted-mean,
// voting-power).
CasePrediction stack_case(const std::string& proposal, double observed, double a, double b, double c,
                          const std::string& fold) {
    CasePrediction p{proposal, "x", observed, 100, std::vector<std::optional<double>>(backtest_models().size()),
                     proposal, fold};
    p.predicted[backtest_model_index("weighted-mean")] = a;
    p.predicted[backtest_model_index("unweighted-mean")] = b;
    p.predicted[backtest_model_index("voting-power")] = c;
    return p;
}

std::vector<double> stack_weights(const std::vector<FittedBlend>& fitted) {
    std::vector<double> w;
    for (const auto& f : fitted)
        if (f.model == "stack") w.push_back(f.weight);
    return w;
}

}  // namespace

TEST_CASE("The stack is fitted on the training part only", "[stack]") {
    // The hand table above as the even (training) part, and two odd cases held out.
    std::vector<CasePrediction> predictions = {
        stack_case("A", 10, 10, 0, 0, "even"), stack_case("B", 10, 0, 10, 0, "even"),
        stack_case("C", 0, 0, 0, 10, "even"),  stack_case("D", 10, 20, 0, 0, "even"),
        stack_case("E", 40, 40, 0, 80, "odd"), stack_case("F", 60, 20, 60, 40, "odd")};
    const std::size_t stack = backtest_model_index("stack");
    auto odd = predictions;
    const auto fitted = apply_stacks(odd, "odd");
    const auto w = stack_weights(fitted);
    REQUIRE(w.size() == 3);
    CHECK(w[0] == Approx(0.5).margin(1e-9));
    CHECK(w[1] == Approx(0.5).margin(1e-9));
    CHECK(w[2] == Approx(0).margin(1e-9));
    CHECK(fitted.front().cases == 4);
    CHECK(fitted.front().target == "weighted-mean");
    // The held-out cases get 0.5 a + 0.5 b: E 20, F 40; the training cases are left alone.
    CHECK(*odd[4].predicted[stack] == Approx(20).margin(1e-9));
    CHECK(*odd[5].predicted[stack] == Approx(40).margin(1e-9));
    CHECK_FALSE(odd[0].predicted[stack]);
    // Changing a held-out outcome changes no weight ...
    auto changed = predictions;
    changed[4].observed = 80;
    changed[5].observed = 0;
    CHECK(stack_weights(apply_stacks(changed, "odd")) == w);
    // ... while changing a training outcome does: with D observed at 0 instead of 10 the errors are
    // 10(1 - a) + 10(1 - b) + 10c + 20a = 30 - 20b (c = 1 - a - b), least at b = 1 alone: w = (0, 1, 0).
    auto trained = predictions;
    trained[3].observed = 0;
    const auto w_trained = stack_weights(apply_stacks(trained, "odd"));
    CHECK(w_trained[0] == Approx(0).margin(1e-9));
    CHECK(w_trained[1] == Approx(1).margin(1e-9));
}
