// Out-of-sample parts of `accord backtest` (docs/backtest.md): K-fold cross-validation by whole
// proposal, or the odd against the even proposal numbers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace accord {

struct FoldSpec {
    enum class Kind { none, k_fold, odd_even };
    Kind kind = Kind::none;
    long k = 0;              // k_fold: the number of folds, 2 or more
    std::uint64_t seed = 1;  // k_fold: the shuffle of the proposals
};

struct FoldProposal {
    std::string id;
    long number = 0;  // odd_even: its parity decides the part
};

// The held-out parts in order: "1".."K", or "odd", "even"; none for Kind::none.
std::vector<std::string> fold_labels(const FoldSpec& spec);

// The held-out part of every proposal (by id; a proposal listed twice counts once). k_fold: the
// distinct proposals, in the order first listed, are shuffled (Fisher-Yates on the seed) and dealt
// round-robin to the folds 1..K, so that fold sizes differ by at most one. odd_even: "odd" for an
// odd number, "even" for an even one. none: "all". Throws std::invalid_argument when K < 2 or K
// exceeds the number of distinct proposals.
std::map<std::string, std::string> assign_folds(const std::vector<FoldProposal>& proposals, const FoldSpec& spec);

}  // namespace accord
