#include "accord/random.hpp"

#include <cmath>

namespace accord {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}
}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    double u, v, s;
    do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double factor = std::sqrt(-2 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
}

std::uint64_t Rng::below(std::uint64_t n) {
    // Lemire's nearly divisionless method would do; rejection keeps it simple and unbiased.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

double draw(const Distribution& d, Rng& rng) {
    const auto& a = d.args;
    switch (d.kind) {
        case DistributionKind::normal:
            return a[0] + a[1] * rng.normal();
        case DistributionKind::uniform:
            return a[0] + (a[1] - a[0]) * rng.uniform();
        case DistributionKind::triangular: {
            // Inverse CDF of the triangular distribution on [low, high] with mode c.
            const double lo = a[0], c = a[1], hi = a[2];
            if (hi == lo) return lo;
            const double u = rng.uniform();
            const double f = (c - lo) / (hi - lo);
            if (u < f) return lo + std::sqrt(u * (hi - lo) * (c - lo));
            return hi - std::sqrt((1 - u) * (hi - lo) * (hi - c));
        }
        case DistributionKind::choice:
            return a[rng.below(a.size())];
    }
    return 0;
}

}  // namespace accord
