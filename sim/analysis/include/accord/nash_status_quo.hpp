// The Nash bargaining solution of one issue with the status quo as the disagreement point, as Achen
// (2006, "Evaluating political decision-making models", in Thomson, Stokman, Achen & König (eds.),
// The European Union Decides, Cambridge University Press) tests it on the DEU data: every actor's
// utility -|x - ideal|, bargaining power capability x salience, disagreement the reference point.
// docs/backtest.md states the rule.
#pragma once

#include <optional>
#include <vector>

namespace accord {

struct NashBargainer {
    double ideal = 0;
    double power = 0;  // the exponent of its gain in the Nash product (capability x salience)
};

// The point x maximising sum_i power_i ln(g_i(x)), g_i(x) = |q - ideal_i| - |x - ideal_i| the gain
// of actor i over the status quo q, among the points where every actor gains (g_i > 0). Such
// points exist only when every ideal lies strictly on one side of q; they form the open interval
// between q and 2 m - q, m the ideal nearest q, and the solution lies in [m, 2 m - q) (below m every
// gain is |x - q|, which grows towards m). None when no point makes every actor gain or nobody has
// power.
std::optional<double> nash_status_quo(const std::vector<NashBargainer>& actors, double status_quo);

}  // namespace accord
