// "Which option wins" for issues with few distinct stated positions (docs/backtest.md): the stated
// option with the largest capability x salience support.
#pragma once

#include <optional>
#include <vector>

namespace accord {

struct StatedOption {
    double position = 0;
    double weight = 0;  // capability x salience of the actor stating it
};

// The position with the largest summed weight when the actors state at most `max_options` distinct
// positions (a tie goes to the lowest position); none with more options or no weight.
std::optional<double> option_winner(const std::vector<StatedOption>& stated, std::size_t max_options);

}  // namespace accord
