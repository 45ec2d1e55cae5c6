// A CSV file read a chunk of whole records at a time, so that a large file (a runs.csv of millions
// of rows) is never held whole: each chunk is parsed by parse_csv (accord/csv_table.hpp) and its
// cells keep their line numbers in the file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accord/csv_table.hpp"

namespace accord::detail {

using CsvRows = std::vector<std::vector<CsvTable::Cell>>;

// Calls `rows` with the records of `path` in order, about `chunk_bytes` of the file at a time (the
// header is the first record of the first call), until it returns false. Throws InputError naming the file, its line and
// column for a file that cannot be read or a malformed record. `bytes`, when given, are the file's
// bytes already read (a pipe, which cannot be read twice), named `path` in messages.
void read_csv_in_chunks(const std::string& path, const std::function<bool(CsvRows& rows)>& rows,
                        const std::string* bytes = nullptr, std::size_t chunk_bytes = 1 << 20);

// The bytes of `path` when it is not a regular file (a pipe such as /dev/stdin, read whole once, so
// that it can be read again from memory); nullopt for a regular file, read from disk each time.
std::optional<std::string> read_if_not_regular(const std::string& path);

}  // namespace accord::detail
