// The text of values shown to people: numbers as the result files write them, and the known name
// closest to a misspelt one, for "did you mean" hints.
#pragma once

#include <string>
#include <vector>

namespace accord {

// The shortest text that reads back to the same double (std::to_chars), "" for NaN.
std::string format_number(double value);

// The closest candidate to `word` by edit distance, or "" when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace accord
