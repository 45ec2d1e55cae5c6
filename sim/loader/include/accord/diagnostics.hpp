// Input problems collected while reading a scenario, reported like a compiler:
// file:line:col: error: message, then the offending line and a caret.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "accord/location.hpp"
#include "accord/text.hpp"

namespace accord {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    Location where;
    std::string message;
};

// Collects every problem found in one pass so that a user sees all of them at once.
class Diagnostics {
public:
    void error(const Location& where, std::string message);
    void warning(const Location& where, std::string message);
    bool has_errors() const;
    std::size_t error_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    void append(const Diagnostics& other);

private:
    std::vector<Diagnostic> items_;
};

// "file:line:col: error: message" followed, when the file can be read, by the line and a caret.
std::string format_diagnostic(const Diagnostic& d);
std::string format_diagnostics(const Diagnostics& ds);

// Thrown when an input does not validate; carries every problem found.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostics ds);
    InputError(const Location& where, const std::string& message);
    const Diagnostics& diagnostics() const { return diagnostics_; }

private:
    Diagnostics diagnostics_;
};

}  // namespace accord
