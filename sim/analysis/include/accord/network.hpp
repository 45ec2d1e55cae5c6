// The influence network of a scenario seen whole: structural warnings and a Graphviz picture.
// (The weights a run uses are InfluenceNetwork, in the engine's accord/influence.hpp.)
#pragma once

#include <string>

#include "accord/diagnostics.hpp"
#include "accord/influence.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Warnings about structure that makes results meaningless (validate prints them; they never fail):
// actors nobody influences and who influence nobody, and groups of fully open actors with no path
// to any stubborn actor under friedkin-johnsen (no unique equilibrium). `start`: the parameters a
// run starts from (a run plan's: the file's after --set).
Diagnostics network_warnings(const Scenario& scenario, const Params& start);

// The influence network as Graphviz DOT: actors labelled with name and capability, edges with weights.
std::string network_dot(const Scenario& scenario, const Params& start);

// The same for the file's own values (no run plan).
inline Diagnostics network_warnings(const Scenario& scenario) { return network_warnings(scenario, scenario.base); }
inline std::string network_dot(const Scenario& scenario) { return network_dot(scenario, scenario.base); }

}  // namespace accord
