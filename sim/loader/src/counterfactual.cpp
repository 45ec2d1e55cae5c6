// `counterfactual_of: FILE`: the scenario is a variant of the reference scenario FILE (a world that
// did not happen). The reference must exist; the variant may not record an observed outcome, so
// that no tool can take it for a second real case (docs/scenario-format.md, docs/backtest.md).

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

namespace {

// The location of the top-level key `name` itself (not of its value), for messages.
Location key_location(YamlReader& r, const YAML::Node& root, const char* name) {
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == name) return r.at(it->first);
    return Location{r.file(), 1, 1};
}

}  // namespace

void ScenarioBuilder::load_counterfactual_of(const YAML::Node& root) {
    const YAML::Node& node = root["counterfactual_of"];
    auto text = r_.text(node, "counterfactual_of (the reference scenario this file varies)");
    if (!text) return;
    const Location where = r_.at(node);
    if (text->empty()) {
        r_.error(where, "counterfactual_of: the reference scenario's file is empty text: name the file, "
                        "e.g. counterfactual_of: ../reference.yaml");
        return;
    }
    const std::filesystem::path given(*text);
    const std::filesystem::path resolved =
        given.is_absolute() ? given : std::filesystem::path(r_.file()).parent_path() / given;
    std::error_code error;
    if (!std::filesystem::is_regular_file(resolved, error)) {
        r_.error(where, fmt::format("counterfactual_of: the reference scenario '{}' is not a file (looked for "
                                    "'{}', relative to this file's folder)",
                                    *text, resolved.string()));
    } else if (std::filesystem::equivalent(resolved, std::filesystem::path(r_.file()), error)) {
        r_.error(where, "counterfactual_of: a scenario cannot be a counterfactual of itself");
    }
    if (root["observed"])
        r_.error(key_location(r_, root, "observed"),
                 fmt::format("a counterfactual (counterfactual_of: {}) has no observed outcome of its own: what "
                             "happened is recorded in the reference scenario; remove 'observed' here",
                             *text));
    s_.counterfactual_of = CounterfactualOf{*text, resolved.string(), where};
}

}  // namespace accord::detail
