// Position exchange between the actors of one proposal, after Stokman & Van Oosten 1994 ("The
// exchange of voting positions: an object-oriented model of policy networks", in Bueno de Mesquita
// & Stokman (eds.), European Community Decision Making, Yale University Press), as tested on EU
// negotiations by Arregui, Stokman & Thomson 2004 ("Bargaining in the European Union and shifts in
// actors' policy positions", European Union Politics 5(1):47-72); accord's simplification: one
// round, every exchange valued at the initial positions. docs/backtest.md states the rule.
#pragma once

#include <optional>
#include <vector>

namespace accord {

struct ExchangeActor {
    double capability = 0;
    std::vector<std::optional<double>> position;  // per issue; none: no stated position
    std::vector<double> salience;                 // per issue, in [0, 1]
};

// The positions after one round of exchanges. The expected outcome of issue k is the compromise
// O_k = sum c s x / sum c s. Actors i and j can exchange on issues g and h when they lie on
// opposite sides of O on both and s_ig s_jh > s_ih s_jg (i cares relatively more about g): j moves
// its position on g towards i's by d_g, i moves on h towards j's by d_h, so that both gain the
// same utility, a_g d_g (s_ig + s_jg) = a_h d_h (s_ih + s_jh) with a_g = c_j s_jg / W_g and
// a_h = c_i s_ih / W_h (the shifts of O per unit move); the moves are as large as they can be
// without a mover passing the other's position or O passing the gainer's. All possible exchanges
// are valued at the initial positions and carried out from the largest gain down, each actor's
// position on each issue moving at most once (ties by actor, then issue, index).
std::vector<std::vector<std::optional<double>>> exchange_positions(const std::vector<ExchangeActor>& actors,
                                                                   std::size_t issues);

// The compromise of issue k over the actors with a position: sum c s x / sum c s; none without weight.
std::optional<double> exchange_compromise(const std::vector<ExchangeActor>& actors,
                                          const std::vector<std::vector<std::optional<double>>>& positions,
                                          std::size_t k);

}  // namespace accord
