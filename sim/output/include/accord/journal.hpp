// Journals: result files that grow a block of rows at a time and are made durable after each
// block, so that an interrupted sweep keeps every block it finished (docs/sweeps.md).
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

namespace accord {

// A file that rows are appended to, made durable block by block.
class Journal {
public:
    // `append` false starts the file afresh. Throws std::runtime_error when it cannot be written.
    Journal(const std::filesystem::path& path, bool append);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    void append(const std::string& text);
    void sync();   // flushed and on disk (fdatasync)
    void close();  // synced and closed

private:
    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
};

// The number of complete lines (ended by a line break) of a journal after its header line; -1
// when not even the header is complete.
long complete_lines(const std::filesystem::path& path);

// Keeps the header and the first `keep` lines after it and drops the rest, which an
// interruption may have left half written.
void truncate_to_lines(const std::filesystem::path& path, long keep);

}  // namespace accord
