#include "accord/manifest.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "accord/csv.hpp"
#include "accord/scenario.hpp"
#include "accord/sha256.hpp"

namespace accord {

namespace {

using Json = nlohmann::json;

// A value as one line of JSON: nlohmann-json's escaping, and arrays with ", " between items as
// manifests have always been written.
std::string json_text(const Json& value) {
    if (!value.is_array()) return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + json_text(value[i]);
    return out + "]";
}

// The keys in the order they are written (nlohmann::json's objects sort their keys).
using Fields = std::vector<std::pair<std::string, Json>>;

// Whether nlohmann-json can write `text` as it is (valid UTF-8); else it writes U+FFFD for the bad bytes.
bool is_utf8(const std::string& text) {
    try {
        (void)Json(text).dump();
        return true;
    } catch (const Json::type_error&) {
        return false;
    }
}

// A path's bytes in a form that reads back exactly and is plain ASCII: %XX for '%', control
// characters and every byte above 0x7e (URI percent-encoding), the rest as they are.
std::string escape_bytes(const std::string& bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c == '%' || c < 0x20 || c > 0x7e) {
            constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string unescape_bytes(const std::string& text, const std::string& key) {
    std::string out;
    auto digit = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        throw ManifestError("has a malformed '" + key + "' (%XX expected)", false);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) digit('x');  // a % without two digits after it
        out += static_cast<char>(digit(text[i + 1]) * 16 + digit(text[i + 2]));
        i += 2;
    }
    return out;
}

// `key` and, when its text is not UTF-8 (a path of any bytes), `key_bytes` with its bytes escaped:
// the first for reading, the second to read back exactly (docs/interface.md section 4.3).
void add_text(Fields& f, const std::string& key, const std::string& text) {
    f.emplace_back(key, text);
    if (!is_utf8(text)) f.emplace_back(key + "_bytes", escape_bytes(text));
}

Fields manifest_fields(const Manifest& m) {
    Fields f = {{"accord_version", m.accord_version}, {"command_line", m.command_line}};
    if (!std::all_of(m.command_line.begin(), m.command_line.end(), is_utf8)) {
        Json bytes = Json::array();
        for (const auto& argument : m.command_line) bytes.push_back(escape_bytes(argument));
        f.emplace_back("command_line_bytes", bytes);
    }
    add_text(f, "scenario", m.scenario);
    Fields rest = {{"scenario_sha256", m.scenario_sha256},
                {"seed", m.seed},
                {"runs", m.runs},
                {"threads", m.threads},
                {"start_time", m.start_time},
                {"end_time", m.end_time}};
    f.insert(f.end(), rest.begin(), rest.end());
    if (m.sweep) {
        f.emplace_back("design", m.sweep->design);
        f.emplace_back("points", m.sweep->points);
        f.emplace_back("replications", m.sweep->replications);
        f.emplace_back("shard", m.sweep->shard);
        f.emplace_back("options_sha256", m.sweep->options_sha256);
        if (!m.runs_csv_sha256.empty()) {
            f.emplace_back("runs_csv_sha256", m.runs_csv_sha256);
            f.emplace_back("points_csv_sha256", m.points_csv_sha256);
        }
    }
    if (!m.scenario_b.empty()) {
        add_text(f, "scenario_b", m.scenario_b);
        f.emplace_back("scenario_b_sha256", m.scenario_b_sha256);
    }
    if (!m.inputs.empty()) {
        Json inputs = Json::array();
        for (const auto& input : m.inputs) {
            Json item = {{"path", input.path}, {"sha256", input.sha256}};
            if (!is_utf8(input.path)) item["path_bytes"] = escape_bytes(input.path);
            inputs.push_back(item);
        }
        f.emplace_back("inputs", inputs);
        f.emplace_back("inputs_sha256", m.inputs_sha256);
    }
    if (!m.working_directory.empty()) add_text(f, "working_directory", m.working_directory);
    return f;
}

// Typed reads of a parsed manifest, each naming the key when it is missing or of another type.
class Reader {
public:
    explicit Reader(const Json& object) : object_(object), sweep_(object.contains("shard")) {}
    bool has(const char* key) const { return object_.contains(key); }
    // A text that may have a `KEY_bytes` beside it (a path that is not UTF-8): the exact bytes.
    std::string path(const char* key) const {
        const std::string bytes_key = std::string(key) + "_bytes";
        return has(bytes_key.c_str()) ? unescape_bytes(text(bytes_key.c_str()), bytes_key) : text(key);
    }
    std::string text(const char* key) const {
        const auto it = object_.find(key);
        if (it == object_.end() || !it->is_string()) throw ManifestError(std::string("has no '") + key + "'", sweep_);
        return it->get<std::string>();
    }
    unsigned long long whole_number(const char* key) const {
        const auto it = object_.find(key);
        if (it == object_.end() || !it->is_number_unsigned())
            throw ManifestError(std::string("has no whole number '") + key + "'", sweep_);
        return it->get<unsigned long long>();
    }
    std::vector<std::string> texts(const char* key) const {
        const auto it = object_.find(key);
        std::vector<std::string> out;
        if (it != object_.end() && it->is_array())
            for (const auto& item : *it)
                if (item.is_string()) out.push_back(item.get<std::string>());
        if (it == object_.end() || !it->is_array() || out.size() != it->size())
            throw ManifestError(std::string("has no list of strings '") + key + "'", sweep_);
        return out;
    }

    std::vector<ManifestInput> inputs(const char* key) const {
        const auto it = object_.find(key);
        std::vector<ManifestInput> out;
        if (it != object_.end() && it->is_array())
            for (const auto& item : *it)
                if (item.is_object() && item.contains("path") && item["path"].is_string() && item.contains("sha256") &&
                    item["sha256"].is_string())
                    out.push_back({item.contains("path_bytes") && item["path_bytes"].is_string()
                                       ? unescape_bytes(item["path_bytes"].get<std::string>(), "path_bytes")
                                       : item["path"].get<std::string>(),
                                   item["sha256"].get<std::string>()});
        if (it == object_.end() || !it->is_array() || out.size() != it->size())
            throw ManifestError(std::string("has no list of {path, sha256} '") + key + "'", sweep_);
        return out;
    }

private:
    const Json& object_;
    bool sweep_;
};

}  // namespace

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string inputs_fingerprint(const std::vector<ManifestInput>& inputs) {
    Sha256 sha;
    for (const auto& input : inputs) sha.update(input.sha256 + "\n");
    return sha.hex();
}

void record_inputs(Manifest& m, const std::string& scenario, const std::vector<InputFile>& inputs) {
    m.scenario = scenario;
    std::error_code ec;
    m.working_directory = std::filesystem::current_path(ec).string();  // empty when it cannot be read
    // The bytes the loader read, not the path read again: a pipe or a file changed since differs.
    m.inputs.clear();
    for (const auto& input : inputs) m.inputs.push_back({input.path, sha256_hex(input.bytes)});
    m.scenario_sha256 = inputs.empty() ? sha256_hex(read_file_bytes(scenario)) : m.inputs.front().sha256;
    m.inputs_sha256 = inputs.empty() ? "" : inputs_fingerprint(m.inputs);
}

std::string manifest_json(const Manifest& m) {
    std::string out = "{";
    const Fields fields = manifest_fields(m);
    for (std::size_t i = 0; i < fields.size(); ++i)
        out += (i ? ",\n  " : "\n  ") + json_text(fields[i].first) + ": " + json_text(fields[i].second);
    return out + "\n}\n";
}

Manifest parse_manifest(const std::string& text) {
    const Json object = Json::parse(text, nullptr, false);
    if (object.is_discarded() || !object.is_object()) throw ManifestError("is not a JSON object", false);
    const Reader r(object);
    Manifest m;
    // In the order `accord merge` has always checked them: names and hashes, then numbers.
    m.scenario = r.path("scenario");
    m.scenario_sha256 = r.text("scenario_sha256");
    const bool sweep = object.contains("shard");
    if (sweep) m.sweep = SweepManifest{r.text("design"), 0, 0, r.text("shard"), ""};
    m.accord_version = r.text("accord_version");
    m.start_time = r.text("start_time");
    m.end_time = r.text("end_time");
    m.command_line = r.texts("command_line");
    if (r.has("command_line_bytes")) {
        m.command_line = r.texts("command_line_bytes");
        for (auto& argument : m.command_line) argument = unescape_bytes(argument, "command_line_bytes");
    }
    m.seed = r.whole_number("seed");
    if (sweep) {
        m.sweep->points = static_cast<long>(r.whole_number("points"));
        m.sweep->replications = static_cast<long>(r.whole_number("replications"));
        if (r.has("options_sha256")) m.sweep->options_sha256 = r.text("options_sha256");
    }
    m.threads = static_cast<int>(r.whole_number("threads"));
    m.runs = static_cast<long>(r.whole_number("runs"));
    if (r.has("working_directory")) m.working_directory = r.path("working_directory");
    if (r.has("scenario_b")) {
        m.scenario_b = r.path("scenario_b");
        m.scenario_b_sha256 = r.text("scenario_b_sha256");
    }
    if (sweep && r.has("runs_csv_sha256")) {
        m.runs_csv_sha256 = r.text("runs_csv_sha256");
        m.points_csv_sha256 = r.text("points_csv_sha256");
    }
    if (r.has("inputs")) {
        m.inputs = r.inputs("inputs");
        m.inputs_sha256 = r.text("inputs_sha256");
    }
    return m;
}

}  // namespace accord
