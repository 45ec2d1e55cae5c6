// One actor's fields as written in one source: a mapping of the YAML list `actors:` or a row of
// the table `actors: {csv: FILE}`. A source finds a field, reads its text and reports, in its own
// words, a field that is missing or not a number or a boolean; the ranges, the defaults and what a
// value means are checked once, for both sources, in ScenarioBuilder::actor_scalars and
// actor_issue_values (actor_fields.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "accord/location.hpp"
#include "accord/scenario.hpp"

namespace accord::detail {

class ActorFields {
public:
    // A number and where it was written in file(): a line and column rather than a Location, whose
    // copy of the file's name was an allocation per cell of a table of a million actors.
    struct Number {
        double value;
        int line = 0;
        int column = 0;
    };
    // What a reservation field holds besides a number.
    enum class Word {
        none,        // a number, or nothing: read it with number()
        status_quo,  // `status-quo`
        misspelt,    // something close to `status-quo`, already reported
    };
    // Called with an issue's index, the number given for it and where.
    using IssueValue = std::function<void(std::size_t issue, const Number& number)>;

    virtual ~ActorFields() = default;

    // The file the fields are written in.
    virtual const std::string& file() const = 0;
    Location where(const Number& n) const { return Location{file(), n.line, n.column}; }

    // The number in `field` ("capability", ...). nullopt when the field is absent (reported when
    // `required`) or holds no finite number (reported); `what` names it in messages.
    virtual std::optional<Number> number(const char* field, const std::string& what, bool required) = 0;
    // The boolean in `field`, nullopt when absent or reported.
    virtual std::optional<bool> boolean(const char* field, const std::string& what) = 0;
    // Whether `field` holds the word `status-quo` (then `where` is set).
    virtual Word status_quo(const char* field, const std::string& what, Location& where) = 0;
    // Calls `position` and `salience` for every number given on an issue, in the order the source
    // writes them, reporting missing positions and unknown issues.
    virtual void issue_values(const IssueValue& position, const IssueValue& salience) = 0;
    // The message for a position outside its issue's scale. The two sources word it differently
    // (the YAML form names the value; the CSV form reads like every other cell) and
    // tests/data/invalid pins both wordings.
    virtual std::string outside_scale(const std::string& what, const Issue& issue, double value) const = 0;
};

}  // namespace accord::detail
