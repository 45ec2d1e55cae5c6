#include "accord/stream_bytes.hpp"

namespace accord {

bool append_stream_bytes(std::istream& in, std::string& text, std::size_t max_bytes) {
    char buffer[65536];
    while (text.size() <= max_bytes && (in.read(buffer, sizeof buffer) || in.gcount() > 0))
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    return !in.bad();
}

}  // namespace accord
