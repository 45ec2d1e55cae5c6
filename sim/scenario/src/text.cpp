#include "accord/text.hpp"

#include "accord/suggestions.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace accord {

std::string format_number(double value) {
    std::string out;
    append_number(out, value);
    return out;
}

void append_number(std::string& out, double value) {
    if (std::isnan(value)) return;
    if (value == 0) value = 0;  // no "-0"
    std::array<char, 32> buf;  // the shortest round-trip text of a double is at most 24 characters
    auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    out.append(buf.data(), ptr);
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    return closest_match(word, candidates.size(), [&](std::size_t i) -> const std::string& { return candidates[i]; });
}

}  // namespace accord
