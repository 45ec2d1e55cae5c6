#include "accord/plan.hpp"

#include <algorithm>

namespace accord {

RunPlan make_run_plan(const Scenario& s, const PlanRequest& request) {
    RunPlan plan;
    plan.overrides = request.overrides;
    plan.start = s.base;
    plan.draws = s.uncertainty;
    apply_overrides(plan.start, plan.draws, plan.overrides, s);
    plan.seed = request.seed.value_or(s.seed);
    if (request.runs)
        plan.runs = *request.runs;
    else if (request.per_point && s.sweep)
        plan.runs = s.sweep->replications.value_or(s.runs);
    else
        plan.runs = s.runs;
    plan.trajectories = request.trajectories.value_or(plan.runs);
    return plan;
}

Scenario planned_scenario(const Scenario& s, const RunPlan& plan) {
    Scenario planned = s;
    planned.base = plan.start;
    planned.uncertainty = plan.draws;
    return planned;
}

Params starting_at(const Scenario& s, const Params& start, const std::vector<SweepParameter>& parameters,
                   const std::vector<double>& point) {
    Params p = start;
    for (std::size_t j = 0; j < parameters.size(); ++j) set_param(p, parameters[j].path, point[j], s);
    return p;
}

}  // namespace accord
