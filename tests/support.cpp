#include "support.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

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

std::vector<Scenario> shipped_scenarios() {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(source_path("scenarios")))
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    for (const char* folder : {"tests/data", "tests/data/legacy"})
        for (const auto& e : std::filesystem::directory_iterator(source_path(folder)))
            if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<Scenario> scenarios;
    for (const std::string& file : files) {
        try {
            scenarios.push_back(load_scenario(file));
        } catch (const InputError&) {
        }
    }
    return scenarios;
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

std::string sparse_ring_yaml(int actors, const std::string& model) {
    std::string y = "accord: 1\nissues: [{id: a}, {id: b}, {id: c}]\nactors:\n";
    for (int i = 0; i < actors; ++i)
        y += "  - {id: A" + std::to_string(i) + ", capability: " + std::to_string(1 + i % 7) +
             ", stubbornness: 0." + std::to_string(i % 5) + ", positions: {a: " + std::to_string(i * 37 % 101) +
             ", b: " + std::to_string(i * 53 % 97) + ", c: " + std::to_string(i * 11 % 89) + "}}\n";
    y += "influence:\n";
    const int offsets[] = {1, 7, 31, 97, 211, 307, 401, 503, 601, 797};
    for (int i = 0; i < actors; ++i)
        for (int o : offsets)
            y += "  - {from: A" + std::to_string((i + o) % actors) + ", to: A" + std::to_string(i) +
                 ", weight: 0." + std::to_string(1 + (i + o) % 9) + "}\n";
    return y + model;
}

std::string small_scenario_yaml(const std::vector<std::string>& issues, const std::vector<std::string>& actors,
                                const std::string& edges, const std::string& rest) {
    std::string y = "accord: 1\nissues: [";
    for (std::size_t k = 0; k < issues.size(); ++k) y += (k ? ", {id: " : "{id: ") + issues[k] + "}";
    y += "]\nactors:\n";
    for (const std::string& actor : actors) y += "  - {" + actor + "}\n";
    y += "influence:\n";
    std::istringstream in(edges);
    for (std::string edge; std::getline(in >> std::ws, edge, ',');) {
        const auto arrow = edge.find("->");
        const auto space = edge.find(' ', arrow);
        y += "  - {from: " + edge.substr(0, arrow) + ", to: " + edge.substr(arrow + 2, space - arrow - 2) +
             ", weight: " + edge.substr(space + 1) + "}\n";
    }
    return y + rest;
}

}  // namespace accord::test
