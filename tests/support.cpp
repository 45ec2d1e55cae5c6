#include "support.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "accord/load.hpp"

namespace accord::test {

namespace {
std::string temp_file(const std::string& text) {
    static std::atomic<int> counter{0};
    const auto path = std::filesystem::temp_directory_path() /
                      ("accord_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".yaml");
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}
}  // namespace

Scenario scenario_from_text(const std::string& yaml) {
    const std::string path = temp_file(yaml);
    struct Remove {
        std::string p;
        ~Remove() { std::filesystem::remove(p); }
    } remove{path};
    return load_scenario(path);
}

std::string source_path(const std::string& relative) {
    return std::string(ACCORD_SOURCE_DIR) + "/" + relative;
}

std::string load_errors(const std::string& yaml) {
    try {
        scenario_from_text(yaml);
    } catch (const InputError& e) {
        std::string out;
        for (const auto& d : e.diagnostics().items()) out += d.message + "\n";
        return out;
    }
    return {};
}

}  // namespace accord::test
