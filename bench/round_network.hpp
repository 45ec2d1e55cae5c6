// A synthetic sparse network held in memory, for the round benchmarks (bench/round_*.cpp): `actors`
// actors on `issues` issues, each listening to `sources` others drawn at random (xoshiro256**,
// seed 1), Friedkin-Johnsen dynamics with capability-salience weighting, weighted-mean terms under
// unanimity, every round to the end. No file and no loader: what is timed is the engine alone.
// synthetic_communities: the same actors, but in groups of `group` with each source drawn from the
// target's own group with probability `inside`, and the actors' numbers shuffled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "accord/random.hpp"
#include "accord/scenario.hpp"

namespace accord::bench {

inline Scenario synthetic_network(int actors, int sources, int issues, int rounds) {
    Scenario s;
    s.name = "synthetic";
    for (int k = 0; k < issues; ++k) {
        Issue issue;
        issue.id = fmt::format("i{}", k);  // fmt: GCC 12 warns (-Wrestrict) on "i" + std::to_string
        s.issues.push_back(issue);
    }
    s.actors.resize(static_cast<std::size_t>(actors));
    s.base.actors.resize(static_cast<std::size_t>(actors));
    s.base.rounds = rounds;
    s.outcome.stop = StopRule::end;
    Rng rng(1);
    for (int i = 0; i < actors; ++i) {
        s.actors[static_cast<std::size_t>(i)].id = fmt::format("a{}", i);
        ActorParams& a = s.base.actors[static_cast<std::size_t>(i)];
        a.capability = 1 + 9 * rng.uniform();
        a.stubbornness = 0.5 * rng.uniform();
        for (int k = 0; k < issues; ++k) {
            a.position.push_back(rng.uniform());
            a.salience.push_back(0.1 + 0.9 * rng.uniform());
        }
    }
    // `sources` distinct others per target (a repeat is drawn again), in a random order: the
    // engine sorts them.
    s.base.edges.reserve(static_cast<std::size_t>(actors) * static_cast<std::size_t>(sources));
    for (int i = 0; i < actors && actors > sources; ++i) {
        const std::size_t begin = s.base.edges.size();
        while (s.base.edges.size() - begin < static_cast<std::size_t>(sources)) {
            const int j = static_cast<int>(rng.below(static_cast<std::uint64_t>(actors)));
            bool repeat = j == i;
            for (std::size_t e = begin; e < s.base.edges.size() && !repeat; ++e) repeat = s.base.edges[e].from == j;
            if (!repeat) s.base.edges.push_back(Edge{j, i, 0.1 + rng.uniform()});
        }
    }
    return s;
}

inline Scenario synthetic_communities(int actors, int sources, int issues, int rounds, int group = 1000,
                                      double inside = 0.9) {
    Scenario s = synthetic_network(actors, 0, issues, rounds);  // the actors alone
    Rng rng(2);
    // The shuffle (Fisher-Yates): group g holds the actors numbered shuffled[g * group ...].
    std::vector<int> shuffled(static_cast<std::size_t>(actors));
    for (int i = 0; i < actors; ++i) shuffled[static_cast<std::size_t>(i)] = i;
    for (int i = actors - 1; i > 0; --i)
        std::swap(shuffled[static_cast<std::size_t>(i)],
                  shuffled[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1))]);
    s.base.edges.reserve(static_cast<std::size_t>(actors) * static_cast<std::size_t>(sources));
    for (int i = 0; i < actors && actors > sources && group > sources; ++i) {
        const int g0 = i / group * group, size = std::min(group, actors - g0);
        const int to = shuffled[static_cast<std::size_t>(i)];
        const std::size_t begin = s.base.edges.size();
        while (s.base.edges.size() - begin < static_cast<std::size_t>(sources)) {
            const bool near = rng.uniform() < inside && size > sources;
            const int j = near ? g0 + static_cast<int>(rng.below(static_cast<std::uint64_t>(size)))
                               : static_cast<int>(rng.below(static_cast<std::uint64_t>(actors)));
            const int from = shuffled[static_cast<std::size_t>(j)];
            bool repeat = from == to;
            for (std::size_t e = begin; e < s.base.edges.size() && !repeat; ++e) repeat = s.base.edges[e].from == from;
            if (!repeat) s.base.edges.push_back(Edge{from, to, 0.1 + rng.uniform()});
        }
    }
    return s;
}

}  // namespace accord::bench
