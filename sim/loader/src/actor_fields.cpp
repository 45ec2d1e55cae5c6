// The checks every actor's fields get, whether written in YAML or in a CSV row (actor_fields.hpp).
#include "actor_fields.hpp"

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {

// The number if it lies in [lo, hi], else nullopt after reporting it.
std::optional<double> in_range(YamlReader& r, const ActorFields& fields, const std::optional<ActorFields::Number>& number,
                               const std::string& what, double lo, double hi) {
    if (!number) return std::nullopt;
    if (number->value < lo || number->value > hi) {
        r.error(fields.where(*number), out_of_range(what, number->value, lo, hi));
        return std::nullopt;
    }
    return number->value;
}

}  // namespace

void ScenarioBuilder::actor_scalars(ActorFields& fields, const std::string& what, ActorParams& p) {
    std::string label;  // one buffer for the four labels: an allocation per row rather than four
    auto read = [&](const char* field, double lo, double hi, bool required) {
        label.assign(what).append(": ").append(field);
        return in_range(r_, fields, fields.number(field, label, required), label, lo, hi);
    };
    set_if_read(p.capability, read("capability", 0, inf, true));
    set_if_read(p.stubbornness, read("stubbornness", 0, 1, false));
    set_if_read(p.self_weight, read("self_weight", 0, inf, false));
    Location where;
    switch (fields.status_quo("reservation", what, where)) {
        case ActorFields::Word::status_quo:
            p.reservation_status_quo = true;
            status_quo_reservations_.push_back(where);
            break;
        case ActorFields::Word::none:
            set_if_read(p.reservation, read("reservation", 0, 1, false));
            break;
        case ActorFields::Word::misspelt:
            break;
    }
}

void ScenarioBuilder::actor_issue_values(ActorFields& fields, const std::string& what, ActorParams& p) {
    set_if_read(p.veto, fields.boolean("veto", what + ": veto"));
    // An issue without a position has been reported; an issue without a salience counts fully.
    p.position.assign(s_.issues.size(), 0.0);
    p.salience.assign(s_.issues.size(), 1.0);
    fields.issue_values(
        [&](std::size_t k, const ActorFields::Number& n) {
            const Issue& issue = s_.issues[k];
            if (n.value < issue.lo || n.value > issue.hi)
                r_.error(fields.where(n), fields.outside_scale(what, issue, n.value));
            else
                p.position[k] = issue.normalise(n.value);
        },
        [&](std::size_t k, const ActorFields::Number& n) {
            set_if_read(p.salience[k],
                        in_range(r_, fields, n, fmt::format("{}: salience on issue '{}'", what, s_.issues[k].id), 0, 1));
        });
}

}  // namespace accord::detail
