// Reading a whole stream so that a failed read is never taken for its end: every part that reads a
// file whole (the scenario, actor and edge tables, the DEU table, journals, manifests) goes through
// append_stream_bytes and turns its `false` into an error of its own kind, with its own location.
#pragma once

#include <cstddef>
#include <istream>
#include <limits>
#include <string>

namespace accord {

// Appends the rest of `in` to `text`. False when a read failed (an I/O error such as EIO, errno
// says which): the loop would otherwise end there as at the file's end, with the bytes cut short.
// Stops, returning true, as soon as `text` holds more than `max_bytes`: the caller's limit, which
// the caller checks (text.size() > max_bytes) and reports.
[[nodiscard]] bool append_stream_bytes(std::istream& in, std::string& text,
                                       std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace accord
