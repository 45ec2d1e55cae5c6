#include "accord/diagnostics.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

namespace accord {

void Diagnostics::error(const Location& where, std::string message) {
    items_.push_back({Severity::error, where, std::move(message)});
}

void Diagnostics::warning(const Location& where, std::string message) {
    items_.push_back({Severity::warning, where, std::move(message)});
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

namespace {

// The lines of the files that messages quote, each file read once: a message per actor of a
// large file must not re-read the file from its start (docs/reliability.md). A file is kept as its
// bytes and where each line starts, not a string per line: an edge table has ten million lines.
class SourceLines {
public:
    // The text of one line of a file, without its line end; "" when it cannot be read.
    std::string line(const std::string& file, int line) {
        auto [it, inserted] = files_.try_emplace(file);
        if (inserted) it->second = read(file);
        const File& f = it->second;
        if (line < 1 || static_cast<std::size_t>(line) > f.starts.size()) return {};
        const std::size_t begin = f.starts[static_cast<std::size_t>(line - 1)];
        std::size_t end = f.text.find('\n', begin);
        if (end == std::string::npos) end = f.text.size();
        if (end > begin && f.text[end - 1] == '\r') --end;
        return f.text.substr(begin, end - begin);
    }

private:
    struct File {
        std::string text;
        std::vector<std::size_t> starts;  // of each line, as std::getline splits them
    };

    static File read(const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        File f;
        std::ostringstream bytes;
        bytes << in.rdbuf();
        f.text = std::move(bytes).str();
        for (std::size_t at = 0; at < f.text.size();) {
            f.starts.push_back(at);
            const std::size_t end = f.text.find('\n', at);
            if (end == std::string::npos) break;
            at = end + 1;
        }
        return f;
    }

    std::map<std::string, File> files_;
};

bool printable(const std::string& s) {
    return s.size() <= 300 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); });
}

std::string format_one(const Diagnostic& d, SourceLines& sources) {
    const char* kind = d.severity == Severity::error ? "error" : "warning";
    std::string out;
    if (d.where.file.empty())
        out = fmt::format("{}: {}", kind, d.message);
    else if (d.where.line <= 0)
        out = fmt::format("{}: {}: {}", d.where.file, kind, d.message);
    else
        out = fmt::format("{}:{}:{}: {}: {}", d.where.file, d.where.line, std::max(d.where.column, 1), kind, d.message);
    if (!d.where.file.empty() && d.where.line > 0) {
        const std::string text = sources.line(d.where.file, d.where.line);
        if (!text.empty() && printable(text)) {
            std::string caret(static_cast<std::size_t>(std::max(d.where.column, 1) - 1), ' ');
            // Keep tabs so that the caret lines up under the same character.
            for (std::size_t i = 0; i < caret.size() && i < text.size(); ++i)
                if (text[i] == '\t') caret[i] = '\t';
            out += fmt::format("\n  {}\n  {}^", text, caret);
        }
    }
    return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    SourceLines sources;
    return format_one(d, sources);
}

std::string format_diagnostics(const Diagnostics& ds) {
    SourceLines sources;
    std::string out;
    for (const auto& d : ds.items()) {
        out += format_one(d, sources);
        out += '\n';
    }
    return out;
}

namespace {
Diagnostics single(const Location& where, const std::string& message) {
    Diagnostics ds;
    ds.error(where, message);
    return ds;
}
}  // namespace

InputError::InputError(Diagnostics ds) : std::runtime_error(format_diagnostics(ds)), diagnostics_(std::move(ds)) {}

InputError::InputError(const Location& where, const std::string& message) : InputError(single(where, message)) {}

}  // namespace accord
