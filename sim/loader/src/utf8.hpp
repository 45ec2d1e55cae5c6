// Strict UTF-8 (RFC 3629): the byte sequences that encode a Unicode scalar value in the shortest
// form. Overlong forms, UTF-16 surrogates (U+D800..U+DFFF) and values above U+10FFFF are invalid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace accord::detail {

// Length (1 to 4) of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_length(std::string_view s, std::size_t i);

// The byte order mark U+FEFF in UTF-8.
inline constexpr const char* utf8_bom = "\xEF\xBB\xBF";

// Where a text's first problem is: a NUL byte, invalid UTF-8 or a byte order mark past the start.
struct TextProblem {
    int line = 0;  // 0: none
    int column = 0;
    std::string message;
};

// Checks every byte of `text`; a byte order mark is allowed at offset 0 only.
TextProblem check_utf8_text(std::string_view text);

// The same check, byte by byte from `line_start` (the first byte of line number `line`), without
// check_utf8_text's skip of a plain ASCII prefix: the straightforward reading its tests compare with.
TextProblem scan_utf8_text(std::string_view text, std::size_t line_start = 0, int line = 1);

}  // namespace accord::detail
