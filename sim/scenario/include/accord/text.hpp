// The text of values shown to people: numbers as the result files write them, and the known name
// closest to a misspelt one, for "did you mean" hints.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace accord {

// The shortest text that reads back to the same double (std::to_chars), "" for NaN.
std::string format_number(double value);

// The closest candidate to `word` by edit distance, or "" when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
// The same over `count` candidates, `candidate(i)` each, without copying a long list (a million
// actor ids); a candidate too far to be suggested costs a few steps, not a whole edit distance.
std::string closest_match(const std::string& word, std::size_t count,
                          const std::function<const std::string&(std::size_t)>& candidate);

}  // namespace accord
