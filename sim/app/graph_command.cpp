// accord graph: the influence network as Graphviz DOT on stdout.
#include <iostream>

#include "accord/network.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace accord::app {

ExitStatus graph_command(const CommonOptions& common, const std::string& file) {
    const auto loaded = load_for_command(common, file);
    if (!loaded) return ExitStatus::bad_input;
    const RunPlan plan = plan_for_command(common, *loaded, 0);
    std::cout << network_dot(loaded->scenario, plan.start);
    return ExitStatus::success;
}

}  // namespace accord::app
