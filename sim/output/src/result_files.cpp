#include "accord/result_files.hpp"

namespace accord {

bool has_results(const std::filesystem::path& dir) {
    for (const char* name : result_file_names)
        if (std::filesystem::exists(dir / name)) return true;
    return false;
}

void remove_results(const std::filesystem::path& dir) {
    const bool replaced = has_results(dir);
    for (const char* name : result_file_names) std::filesystem::remove(dir / name);
    if (replaced)
        for (const char* name : picture_file_names) std::filesystem::remove(dir / name);
}

}  // namespace accord
