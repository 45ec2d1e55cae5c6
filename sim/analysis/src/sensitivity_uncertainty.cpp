#include "accord/sensitivity_uncertainty.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/design.hpp"
#include "accord/diagnostics.hpp"
#include "accord/params.hpp"
#include "accord/quantile.hpp"

namespace accord {

namespace {

// Where a missing or empty `uncertainty` is reported: its first entry if the file has one (all
// fixed by --set), else the top of the file.
Location uncertainty_location(const Scenario& s) {
    return s.uncertainty.empty() ? Location{s.file, 1, 1} : s.uncertainty.front().where;
}

}  // namespace

Scenario uncertainty_study_scenario(const Scenario& s, const std::vector<Uncertain>& factors) {
    Scenario out = s;
    SweepSpec sweep;
    sweep.design = Design::sobol;
    if (s.sweep) sweep.replications = s.sweep->replications;
    for (const Uncertain& u : factors) {
        SweepParameter p;
        p.path = u.path;
        p.name = u.name;
        p.where = u.where;
        sweep.parameters.push_back(p);
        std::erase_if(out.uncertainty, [&](const Uncertain& v) { return v.path == u.path; });
    }
    if (!factors.empty()) sweep.where = factors.front().where;
    out.sweep = sweep;
    return out;
}

SensitivityStudy plan_uncertainty_sensitivity(const Scenario& s, const std::vector<Uncertain>& factors,
                                              SensitivityMethod method, std::optional<long> samples,
                                              std::uint64_t seed) {
    if (factors.empty())
        throw InputError(uncertainty_location(s),
                         s.uncertainty.empty()
                             ? "the scenario has no 'uncertainty' block: its drawn parameters are what "
                               "--over uncertainty varies"
                             : "every parameter of 'uncertainty' is fixed by --set: --over uncertainty has "
                               "nothing to vary");
    for (const Uncertain& u : factors)
        if (!distribution_varies(u.distribution))
            throw InputError(u.where, fmt::format("uncertainty parameter '{}' does not vary (its distribution "
                                                  "gives one value): it has no sensitivity to measure",
                                                  u.name));
    const bool sobol = method == SensitivityMethod::sobol;
    SensitivityStudy study;
    study.method = method;
    study.seed = seed;
    study.samples = samples.value_or(sobol ? uncertainty_sobol_samples : 20);
    const int d = static_cast<int>(factors.size());
    study.unit = unit_design(method, d, study.samples, seed);
    for (const auto& u : study.unit) {
        DesignPoint point(static_cast<std::size_t>(d));
        for (std::size_t j = 0; j < point.size(); ++j) {
            const double p = sobol ? u[j] : (u[j] * (morris_levels - 1) + 0.5) / morris_levels;
            point[j] = clamp_param_value(factors[j].path, distribution_quantile(factors[j].distribution, p), s);
        }
        study.design.push_back(point);
    }
    study.label = fmt::format("{}-{}", sobol ? "saltelli" : "morris", study.samples);
    return study;
}

}  // namespace accord
