// The `uncertainty:` section: parameters drawn from distributions for each Monte Carlo run.
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {
// Whether every draw of `d` is a finite double (random.cpp's draw): a uniform's width, a triangular's
// products of two widths and a normal's mean plus 16 sd (its deviates stay below 13 in magnitude: the
// polar method's s is at least 2^-106) must not overflow. Above that a draw was infinite (or NaN), and
// clamped to an end of the parameter's range in every run, silently.
bool draws_finite(const Distribution& d) {
    const auto& x = d.args;
    switch (d.kind) {
        case DistributionKind::normal:
            return std::isfinite(std::fabs(x[0]) + 16 * x[1]);
        case DistributionKind::uniform:
            return std::isfinite(x[1] - x[0]);
        case DistributionKind::triangular:
            return std::isfinite((x[2] - x[0]) * (x[1] - x[0])) && std::isfinite((x[2] - x[0]) * (x[2] - x[1]));
        case DistributionKind::choice:
            return true;
    }
    return true;
}
}  // namespace

std::optional<Distribution> ScenarioBuilder::distribution(const YAML::Node& node, const std::string& what,
                                                         bool boolean) {
    if (!r_.check_map(node, what, {"normal", "uniform", "triangular", "choice"})) return std::nullopt;
    if (node.size() != 1) {
        r_.error(r_.at(node),
                 fmt::format("{}: give exactly one distribution (normal, uniform, triangular or choice)", what));
        return std::nullopt;
    }
    const std::string kind = node.begin()->first.Scalar();
    const YAML::Node args = node.begin()->second;  // a copy: the iterator's proxy is a temporary
    Distribution d;
    static const std::map<std::string, std::pair<DistributionKind, std::size_t>> shapes = {
        {"normal", {DistributionKind::normal, 2}},
        {"uniform", {DistributionKind::uniform, 2}},
        {"triangular", {DistributionKind::triangular, 3}},
        {"choice", {DistributionKind::choice, 0}}};
    const auto shape = shapes.find(kind);
    if (shape == shapes.end()) return std::nullopt;  // reported by check_map
    const auto [dk, count] = shape->second;
    d.kind = dk;
    const char* form = kind == "normal"       ? "[mean, sd]"
                       : kind == "uniform"    ? "[low, high]"
                       : kind == "triangular" ? "[low, mode, high]"
                                              : "[v1, v2, ...]";
    if (!args.IsSequence() || (count && args.size() != count) || args.size() == 0) {
        r_.error(r_.at(args, r_.at(node)),
                 fmt::format("{}: {} takes {}, found {}", what, kind, form,
                             args.IsSequence() ? fmt::format("{} values", args.size()) : YamlReader::describe(args)));
        return std::nullopt;
    }
    for (const auto& a : args) {
        double v = 0;
        if (boolean) {
            auto b = r_.boolean(a, fmt::format("{}: {} value", what, kind));
            if (!b) return std::nullopt;
            v = *b ? 1 : 0;
        } else if (auto n = r_.number(a, fmt::format("{}: {} value", what, kind))) {
            v = *n;
        } else {
            return std::nullopt;
        }
        d.args.push_back(v);
    }
    const auto& x = d.args;
    if (d.kind == DistributionKind::normal && x[1] < 0)
        r_.error(r_.at(args), fmt::format("{}: normal sd must be >= 0, found {}", what, format_number(x[1])));
    else if (d.kind == DistributionKind::uniform && x[0] > x[1])
        r_.error(r_.at(args), fmt::format("{}: uniform needs low <= high, found [{}, {}]", what, format_number(x[0]),
                                          format_number(x[1])));
    else if (d.kind == DistributionKind::triangular && !(x[0] <= x[1] && x[1] <= x[2]))
        r_.error(r_.at(args), fmt::format("{}: triangular needs low <= mode <= high, found [{}, {}, {}]", what,
                                          format_number(x[0]), format_number(x[1]), format_number(x[2])));
    else if (!draws_finite(d)) {
        std::string values;
        for (double v : x) values += (values.empty() ? "" : ", ") + format_number(v);
        r_.error(r_.at(args),
                 fmt::format("{}: {} [{}] is too wide: a draw would overflow a double", what, kind, values));
    } else
        return d;
    return std::nullopt;
}

void ScenarioBuilder::load_uncertainty(const YAML::Node& node) {
    if (!r_.check_open_map(node, "uncertainty")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto p = path(it->first, "uncertainty");
        if (!p) continue;
        const std::string name = param_path_name(*p, s_);
        const bool boolean = param_range(*p, s_).boolean;
        if (boolean && it->second.IsMap() && it->second.size() == 1 && it->second.begin()->first.Scalar() != "choice") {
            r_.error(r_.at(it->second),
                     fmt::format("uncertainty: {} is true or false: draw it with choice: [true, false]", name));
            continue;
        }
        auto d = distribution(it->second, "uncertainty: " + name, boolean);
        if (!d) continue;
        s_.uncertainty.push_back({*p, name, *d, r_.at(it->first)});
    }
}

}  // namespace accord::detail
