// The core of the Council in one dimension: the points that no qualified majority (under
// unanimity, no member with a stated position together with the others' consent) would replace by
// another, the interval between the two pivotal members (Krehbiel 1998, Pivotal Politics: A Theory
// of U.S. Lawmaking, University of Chicago Press, ch. 2, the gridlock interval; for the Council of
// the EU, Tsebelis 2002, Veto Players: How Political Institutions Work, Princeton University Press,
// ch. 11). docs/backtest.md states how `accord backtest` uses it.
#pragma once

#include <optional>
#include <utility>

#include "accord/procedural_model.hpp"

namespace accord {

// [the upward pivot, the downward pivot] of council_pivot(): below the first, a qualified majority
// prefers to move up; above the second, one prefers to move down. Under unanimity, the lowest and
// the highest stated ideal. None when the silent members alone hold the quota (every point can be
// replaced) or nobody can block (no member under unanimity).
std::optional<std::pair<double, double>> council_core(const ProceduralIssue& issue);

}  // namespace accord
