// The random numbers of a run: xoshiro256** seeded through SplitMix64 from the run's seed alone
// (docs/models.md section 11), and the distributions of `uncertainty`, implemented here so that the
// draws are the same bytes with every compiler and standard library.
#pragma once

#include <cstdint>

#include "accord/scenario.hpp"

namespace accord {

class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    // Uniform in [0, 1) with 53 random bits.
    double uniform();
    // Standard normal (Marsaglia's polar method).
    double normal();
    // Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n);

private:
    std::uint64_t s_[4];
    double spare_ = 0;
    bool has_spare_ = false;
};

// One draw from `d`, before clamping.
double draw(const Distribution& d, Rng& rng);

}  // namespace accord
