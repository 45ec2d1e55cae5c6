// The `sweep:` section: the design and the swept parameters.

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {
// The dimensions of the Sobol sequence the runner draws from: Boost.Random's tables stop at 3667
// (BOOST_RANDOM_SOBOL_MAX_DIMENSION in boost/random/detail/sobol_table.hpp); one per parameter.
constexpr std::size_t max_sobol_parameters = 3667;
}  // namespace

void ScenarioBuilder::load_sweep(const YAML::Node& node) {
    if (!r_.check_map(node, "sweep", {"design", "samples", "replications", "parameters"})) return;
    SweepSpec sweep;
    sweep.where = r_.at(node);
    if (node["design"]) {
        auto d = r_.choice(node["design"], "sweep.design", {"grid", "random", "lhs", "sobol"});
        if (!d) return;  // the other checks depend on the design
        sweep.design = *d == "grid"     ? Design::grid
                       : *d == "random" ? Design::random
                       : *d == "lhs"    ? Design::lhs
                                        : Design::sobol;
    }
    if (node["samples"])
        set_if_read(sweep.samples, r_.integer(node["samples"], "sweep.samples", 1, limits_.max_runs));
    else if (sweep.design != Design::grid)
        r_.error(sweep.where, "sweep: designs random, lhs and sobol need 'samples' (the number of design points)");
    if (node["replications"])
        set_if_read(sweep.replications, r_.integer(node["replications"], "sweep.replications", 1, limits_.max_runs));
    if (!node["parameters"]) {
        r_.error(sweep.where, "sweep: missing required key 'parameters'");
    } else if (r_.check_open_map(node["parameters"], "sweep.parameters")) {
        const YAML::Node& params = node["parameters"];
        if (params.size() == 0) r_.error(r_.at(params), "sweep.parameters: at least one parameter is needed");
        for (auto it = params.begin(); it != params.end(); ++it) {
            const YAML::Node spec = it->second;  // a copy: the iterator's proxy is a temporary
            if (auto sp = sweep_parameter(it->first, spec, sweep.design)) sweep.parameters.push_back(*sp);
        }
    }
    if (sweep.design == Design::grid) check_grid_size(sweep);
    if (sweep.design == Design::sobol && sweep.parameters.size() > max_sobol_parameters)
        r_.error(r_.at(node["parameters"]),
                 fmt::format("sweep: the sobol design draws at most {} parameters, found {} (use design: lhs or "
                             "random for more)",
                             max_sobol_parameters, sweep.parameters.size()));
    s_.sweep = sweep;
}

// One swept parameter: `values: [...]` (grid only) or `range: [low, high]` (with `steps` for a
// grid); nullopt, after reporting, when it cannot be swept at all.
std::optional<SweepParameter> ScenarioBuilder::sweep_parameter(const YAML::Node& key, const YAML::Node& spec,
                                                               Design design) {
    auto p = path(key, "sweep.parameters");
    if (!p) return std::nullopt;
    SweepParameter sp;
    sp.path = *p;
    sp.name = param_path_name(*p, s_);
    sp.where = r_.at(key);
    const std::string what = "sweep: " + sp.name;
    if (!r_.check_map(spec, what, {"values", "range", "steps"})) return std::nullopt;
    if (spec["values"]) {
        if (design != Design::grid)
            r_.error(r_.at(spec["values"]), fmt::format("{}: 'values' lists are for the grid design; {} needs "
                                                        "range: [low, high]",
                                                        what, "this design"));
        else if (r_.check_sequence(spec["values"], what + ": values")) {
            if (spec["values"].size() == 0) r_.error(r_.at(spec["values"]), what + ": values must not be empty");
            for (const auto& v : spec["values"]) {
                double value = 0;
                if (param_range(*p, s_).boolean) {
                    auto b = r_.boolean(v, what + ": value");
                    if (!b) continue;
                    value = *b;
                } else {
                    auto n = r_.number(v, what + ": value");
                    if (!n) continue;
                    value = *n;
                }
                const std::string problem = check_param_value(*p, value, s_);
                if (!problem.empty()) r_.error(r_.at(v), fmt::format("{}: value {}", what, problem));
                sp.values.push_back(value);
            }
        }
        if (spec["range"] || spec["steps"])
            r_.error(r_.at(spec), what + ": give either 'values' or 'range' (with 'steps' for a grid), not both");
    } else if (spec["range"]) {
        const YAML::Node& range = spec["range"];
        if (!range.IsSequence() || range.size() != 2) {
            r_.error(r_.at(range),
                     fmt::format("{}: range must be [low, high], found {}", what, YamlReader::describe(range)));
            return std::nullopt;
        }
        auto lo = r_.number(range[0], what + ": range low");
        auto hi = r_.number(range[1], what + ": range high");
        if (!lo || !hi) return std::nullopt;
        if (*lo > *hi) r_.error(r_.at(range), fmt::format("{}: range needs low <= high", what));
        for (double v : {*lo, *hi}) {
            const std::string problem = check_param_value(*p, v, s_);
            if (!problem.empty()) r_.error(r_.at(range), fmt::format("{}: range end {}", what, problem));
        }
        sp.lo = lo;
        sp.hi = hi;
        if (design == Design::grid) {
            if (!spec["steps"])
                r_.error(r_.at(spec), what + ": a grid over a range needs 'steps' (how many values)");
            else
                set_if_read(sp.steps, r_.integer(spec["steps"], what + ": steps", 1, 1000000));
        } else if (spec["steps"]) {
            r_.error(r_.at(spec["steps"]), what + ": 'steps' is for the grid design");
        }
    } else {
        r_.error(r_.at(spec), what + ": give 'values' or 'range'");
    }
    return sp;
}

// The grid is the product of the parameters' value counts: bound it before anything multiplies.
void ScenarioBuilder::check_grid_size(const SweepSpec& sweep) {
    long long points = 1;
    bool too_many = false;
    for (const auto& p : sweep.parameters) {
        const long long count = p.values.empty() ? p.steps : static_cast<long long>(p.values.size());
        if (count > 0 && points > limits_.max_runs / count)
            too_many = true;
        else if (count > 0)
            points *= count;
    }
    if (too_many)
        r_.error(sweep.where, fmt::format("sweep: the grid has more than {} points (raise it with --limit runs=N)",
                                          limits_.max_runs));
}

}  // namespace accord::detail
