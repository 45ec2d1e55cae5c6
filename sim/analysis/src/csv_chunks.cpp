#include "csv_chunks.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "accord/diagnostics.hpp"
#include "accord/stream_bytes.hpp"

namespace accord::detail {

std::optional<std::string> read_if_not_regular(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(Location{path, 0, 0}, "is a directory, not a file");
    if (std::filesystem::is_regular_file(path, ec) || !std::filesystem::exists(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{path, 0, 0}, fmt::format("cannot open the file: {}", std::strerror(errno)));
    std::string text;
    if (!append_stream_bytes(in, text))
        throw InputError(Location{path, 0, 0}, fmt::format("cannot read the file: {}", std::strerror(errno)));
    return text;
}

void read_csv_in_chunks(const std::string& path, const std::function<bool(CsvRows& rows)>& rows,
                        const std::string* bytes, std::size_t chunk_bytes) {
    std::unique_ptr<std::istream> source;
    if (bytes) {
        source = std::make_unique<std::istringstream>(*bytes);
    } else {
        source = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!*source)
            throw InputError(Location{path, 0, 0}, fmt::format("cannot open the file: {}", std::strerror(errno)));
    }
    std::istream& in = *source;
    std::string pending;      // bytes read but not yet parsed: a record not yet ended
    bool in_quotes = false;   // at the end of `pending`
    std::size_t scanned = 0;  // bytes of `pending` whose quotes are counted
    int lines_before = 0;     // lines of the file before `pending`
    std::string buffer(chunk_bytes, '\0');
    // Parses the first `end` bytes of `pending`; false when `rows` asks to stop.
    auto parse = [&](std::size_t end) {
        const std::string text = pending.substr(0, end);
        std::string error;
        int line = 0, column = 0;
        auto table = parse_csv(text, error, line, column);
        if (!table) throw InputError(Location{path, lines_before + line, column}, error);
        for (auto& row : table->rows)
            for (auto& cell : row) cell.line += lines_before;
        for (char c : text) lines_before += c == '\n';
        pending.erase(0, end);
        return table->rows.empty() || rows(table->rows);
    };
    for (;;) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        pending.append(buffer.data(), got);
        // A leading byte order mark, as spreadsheets save CSV, is not part of the first column's name
        // (the actor table skips it too, sim/loader/src/table_file.cpp).
        if (lines_before == 0 && scanned == 0 && pending.size() == got && pending.rfind("\xEF\xBB\xBF", 0) == 0)
            pending.erase(0, 3);
        // The last newline outside quotes ends the records that can be parsed now.
        std::size_t boundary = std::string::npos;
        for (std::size_t i = scanned; i < pending.size(); ++i) {
            if (pending[i] == '"') in_quotes = !in_quotes;
            else if (pending[i] == '\n' && !in_quotes) boundary = i + 1;
        }
        scanned = pending.size();
        if (boundary != std::string::npos) {
            if (!parse(boundary)) return;
            scanned = pending.size();
        }
    }
    if (in.bad()) throw InputError(Location{path, 0, 0}, fmt::format("cannot read the file: {}", std::strerror(errno)));
    if (!pending.empty()) parse(pending.size());
}

}  // namespace accord::detail
