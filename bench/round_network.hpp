// A synthetic sparse network held in memory, for the round benchmarks (bench/round_*.cpp): `actors`
// actors on `issues` issues, each listening to `sources` others drawn at random (xoshiro256**,
// seed 1), Friedkin-Johnsen dynamics with capability-salience weighting, weighted-mean terms under
// unanimity, every round to the end. No file and no loader: what is timed is the engine alone.
#pragma once

#include <cstdint>

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

}  // namespace accord::bench
