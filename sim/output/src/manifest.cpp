#include "accord/manifest.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace accord {

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20)
                    out += fmt::format("\\u{:04x}", c);
                else
                    out += static_cast<char>(c);
        }
    }
    return out + '"';
}

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string manifest_json(const Manifest& m) {
    std::string args;
    for (std::size_t i = 0; i < m.command_line.size(); ++i) args += (i ? ", " : "") + json_string(m.command_line[i]);
    std::string out = fmt::format(
        "{{\n  \"accord_version\": {},\n  \"command_line\": [{}],\n  \"scenario\": {},\n"
        "  \"scenario_sha256\": {},\n  \"seed\": {},\n  \"runs\": {},\n  \"threads\": {},\n"
        "  \"start_time\": {},\n  \"end_time\": {}",
        json_string(m.accord_version), args, json_string(m.scenario), json_string(m.scenario_sha256), m.seed, m.runs,
        m.threads, json_string(m.start_time), json_string(m.end_time));
    if (m.sweep)
        out += fmt::format(
            ",\n  \"design\": {},\n  \"points\": {},\n  \"replications\": {},\n  \"shard\": {},\n"
            "  \"options_sha256\": {}",
            json_string(m.sweep->design), m.sweep->points, m.sweep->replications, json_string(m.sweep->shard),
            json_string(m.sweep->options_sha256));
    if (!m.scenario_b.empty())
        out += fmt::format(",\n  \"scenario_b\": {},\n  \"scenario_b_sha256\": {}", json_string(m.scenario_b),
                           json_string(m.scenario_b_sha256));
    return out + "\n}\n";
}

std::optional<std::map<std::string, std::string>> parse_flat_json(const std::string& text) {
    std::map<std::string, std::string> out;
    std::size_t i = 0;
    auto skip = [&] {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    };
    auto read_string = [&](std::string& s) {
        if (i >= text.size() || text[i] != '"') return false;
        ++i;
        while (i < text.size() && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < text.size()) {
                ++i;
                const char c = text[i];
                s += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
                if (c == 'u') return false;  // not produced for the values this reads
            } else {
                s += text[i];
            }
            ++i;
        }
        if (i >= text.size()) return false;
        ++i;
        return true;
    };
    skip();
    if (i >= text.size() || text[i] != '{') return std::nullopt;
    ++i;
    for (;;) {
        skip();
        if (i < text.size() && text[i] == '}') return out;
        std::string key;
        if (!read_string(key)) return std::nullopt;
        skip();
        if (i >= text.size() || text[i] != ':') return std::nullopt;
        ++i;
        skip();
        if (i < text.size() && text[i] == '"') {
            std::string value;
            if (!read_string(value)) return std::nullopt;
            out[key] = value;
        } else if (i < text.size() && text[i] == '[') {
            int depth = 0;
            bool in_string = false;
            for (; i < text.size(); ++i) {
                if (in_string) {
                    if (text[i] == '\\')
                        ++i;
                    else if (text[i] == '"')
                        in_string = false;
                } else if (text[i] == '"')
                    in_string = true;
                else if (text[i] == '[')
                    ++depth;
                else if (text[i] == ']' && --depth == 0)
                    break;
            }
            if (i >= text.size()) return std::nullopt;
            ++i;
        } else {
            const std::size_t start = i;
            while (i < text.size() && text[i] != ',' && text[i] != '}' &&
                   !std::isspace(static_cast<unsigned char>(text[i])))
                ++i;
            out[key] = text.substr(start, i - start);
        }
        skip();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        skip();
        if (i < text.size() && text[i] == '}') return out;
        return std::nullopt;
    }
}

}  // namespace accord
