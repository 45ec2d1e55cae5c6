// "Did you mean" suggestions among long lists (a million actor ids): no copy of the list, and a
// candidate too far to be suggested costs a few steps rather than a whole edit distance.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "accord/scenario.hpp"

namespace accord {

// closest_match (text.hpp) over `count` candidates, `candidate(i)` each: the same answer.
std::string closest_match(const std::string& word, std::size_t count,
                          const std::function<const std::string&(std::size_t)>& candidate);

// The actor id of `s` to suggest for a misspelt `id`, "" for none.
std::string closest_actor_id(const Scenario& s, const std::string& id);

}  // namespace accord
