#include "accord/text.hpp"

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
    auto distance = [](const std::string& a, const std::string& b) {
        std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            cur[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
            }
            std::swap(prev, cur);
        }
        return prev[b.size()];
    };
    std::string best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        const std::size_t d = distance(word, c);
        if (best.empty() || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    // A suggestion helps only when it is a small edit away relative to the word.
    const std::size_t limit = std::max<std::size_t>(1, std::min(word.size(), best.size()) / 3 + 1);
    if (best.empty() || best_distance > limit || best_distance == 0) return {};
    return best;
}

}  // namespace accord
