// accord graph: the influence network as Graphviz DOT on stdout.
#include <iostream>

#include "accord/network.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace accord::app {

ExitStatus graph_command(const CommonOptions& common, const std::string& file) {
    auto s = load_for_command(common, file);
    if (!s) return ExitStatus::bad_input;
    std::cout << network_dot(*s);
    return ExitStatus::success;
}

}  // namespace accord::app
