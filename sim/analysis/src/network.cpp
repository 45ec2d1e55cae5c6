#include "accord/network.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "accord/strong_components.hpp"
#include "accord/text.hpp"

namespace accord {

Diagnostics network_warnings(const Scenario& s, const Params& start) {
    Diagnostics ds;
    const std::size_t n = s.actors.size();
    if (n < 2 || s.model.dynamics == Dynamics::expected_utility) return ds;  // that model ignores the network
    std::vector<bool> touched(n, false);
    for (const Edge& e : start.edges) {
        if (e.weight <= 0) continue;
        touched[static_cast<std::size_t>(e.from)] = touched[static_cast<std::size_t>(e.to)] = true;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!touched[i])
            ds.warning(s.actors[i].where, fmt::format("actor '{}' is isolated: nobody influences it and it influences "
                                                      "nobody, so it never moves and moves no one",
                                                      s.actors[i].id));
    if (s.model.dynamics != Dynamics::friedkin_johnsen) return ds;
    // Under Friedkin-Johnsen a closed group (a strongly connected component with no influence from
    // outside) whose members all have stubbornness 0 behaves as DeGroot: its limit depends on the
    // start and may not be unique. Components are Tarjan's (strong_components.hpp), over the edges of
    // positive weight in compressed sparse rows: an adjacency list's vector per actor cost more than
    // the rest of `accord validate` for a million actors.
    std::vector<int> component;
    const int count = strong_components(
        sparse_rows(
            start.edges, n, [](const Edge& e) { return e.from; }, [](const Edge& e) { return e.to; },
            [](const Edge& e) { return e.weight > 0; }),
        component);
    std::vector<bool> influenced_from_outside(static_cast<std::size_t>(count), false);
    std::vector<bool> has_anchor(static_cast<std::size_t>(count), false);
    std::vector<int> size(static_cast<std::size_t>(count), 0);
    for (const Edge& e : start.edges)
        if (e.weight > 0 && component[static_cast<std::size_t>(e.from)] != component[static_cast<std::size_t>(e.to)])
            influenced_from_outside[static_cast<std::size_t>(component[static_cast<std::size_t>(e.to)])] = true;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::size_t>(component[i]);
        ++size[c];
        if (start.actors[i].stubbornness > 0) has_anchor[c] = true;
    }
    // Each closed group's members, in actor order, gathered in one pass: a pass per group would cost
    // groups x actors (a million actors in pairs).
    std::vector<std::vector<std::string>> members(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::size_t>(component[i]);
        if (size[c] >= 2 && !influenced_from_outside[c] && !has_anchor[c]) members[c].push_back(s.actors[i].id);
    }
    for (int c = 0; c < count; ++c) {
        const auto cu = static_cast<std::size_t>(c);
        if (size[cu] < 2 || influenced_from_outside[cu] || has_anchor[cu]) continue;
        ds.warning(Location{s.file, 0, 0},
                   fmt::format("actors {} form a closed group in which nobody is stubborn and no outside actor has a "
                               "say: under friedkin-johnsen they have no path to any anchored opinion, so their "
                               "equilibrium is not unique (it depends on where they start)",
                               fmt::join(members[cu], ", ")));
    }
    return ds;
}

std::string network_dot(const Scenario& s, const Params& start) {
    auto quote = [](const std::string& text) {
        std::string out = "\"";
        for (char c : text) {
            if (c == '"' || c == '\\') out += '\\';
            if (c == '\n')
                out += "\\n";  // a line break inside a Graphviz label
            else
                out += c;
        }
        return out + '"';
    };
    std::string out = fmt::format("digraph {} {{\n", quote(s.name.empty() ? "influence" : s.name));
    out += "  rankdir=LR;\n  node [shape=box];\n";
    for (std::size_t i = 0; i < s.actors.size(); ++i) {
        const auto& a = s.actors[i];
        const auto& p = start.actors[i];
        out += fmt::format("  {} [label={}{}];\n", quote(a.id),
                           quote(fmt::format("{}\ncapability {}", a.name, format_number(p.capability))),
                           p.veto ? ", peripheries=2" : "");
    }
    for (const Edge& e : start.edges)
        out +=
            fmt::format("  {} -> {} [label={}, penwidth={}];\n", quote(s.actors[static_cast<std::size_t>(e.from)].id),
                        quote(s.actors[static_cast<std::size_t>(e.to)].id), quote(format_number(e.weight)),
                        format_number(std::clamp(0.5 + 2.5 * e.weight, 0.5, 5.0)));
    out += "}\n";
    return out;
}

}  // namespace accord
