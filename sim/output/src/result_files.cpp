#include "accord/result_files.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace accord {

namespace {

// Whether `path` exists; one whose presence cannot be checked (a symlink loop, a directory it cannot
// search) may be a result, and counts as present, so that nothing is written beside it.
bool may_exist(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec) || ec;
}

}  // namespace

bool holds_any(const std::filesystem::path& dir, std::span<const char* const> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* name) { return may_exist(dir / name); });
}

bool has_results(const std::filesystem::path& dir) {
    return holds_any(dir, result_file_names);
}

std::vector<std::string> results_in(const std::filesystem::path& dir, std::span<const char* const> own) {
    std::vector<std::string> found;
    for (const std::string_view name : result_file_names) {
        if (std::find(own.begin(), own.end(), name) != own.end()) continue;
        if (may_exist(dir / name)) found.emplace_back(name);
    }
    return found;
}

void remove_results(const std::filesystem::path& dir) {
    const bool replaced = has_results(dir);
    for (const char* name : result_file_names) std::filesystem::remove(dir / name);
    if (replaced)
        for (const char* name : picture_file_names) std::filesystem::remove(dir / name);
    remove_temporaries(dir);
}

namespace {

// True when `name` is `result`.tmp.PID (or .tmp.PID.N), a temporary name AtomicFile gives `result`.
bool is_temporary_of(const std::string& name, const std::string& result) {
    const std::string prefix = result + ".tmp.";
    return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
           name.find_first_not_of("0123456789.", prefix.size()) == std::string::npos;
}

}  // namespace

void remove_temporaries(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir)) return;
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        for (const char* result : result_file_names)
            if (is_temporary_of(name, result)) found.push_back(entry.path());
    }
    for (const auto& path : found) std::filesystem::remove(path);
}

}  // namespace accord
