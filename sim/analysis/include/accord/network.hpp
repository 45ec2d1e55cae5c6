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
// to any stubborn actor under friedkin-johnsen (no unique equilibrium).
Diagnostics network_warnings(const Scenario& scenario);

// The influence network as Graphviz DOT: actors labelled with name and capability, edges with weights.
std::string network_dot(const Scenario& scenario);

}  // namespace accord
