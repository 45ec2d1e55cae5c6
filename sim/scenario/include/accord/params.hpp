// The numeric parameters of a scenario, and the paths that name them
// (`actors.DEU.capability`, `influence.RUS->DEU.weight`, `model.rounds`, ...; docs/interface.md section 3).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace accord {

struct Scenario;
struct Uncertain;

// Every parameter of one actor. Positions are normalised to [0, 1] on each issue's scale.
struct ActorParams {
    double capability = 0;
    double stubbornness = 0;
    double self_weight = 1;
    double reservation = 0.8;
    bool reservation_status_quo = false;  // `reservation: status-quo`: u_i(status quo) + margin, judged each decision
    bool veto = false;
    std::vector<double> position;  // per issue, normalised; also the anchor x(0)
    std::vector<double> salience;  // per issue, in [0, 1]
};

// A directed influence edge: `from` influences `to`.
struct Edge {
    int from = 0;
    int to = 0;
    double weight = 0;
};

// Everything a path can set: the state a run starts from before its first round.
struct Params {
    std::vector<ActorParams> actors;
    std::vector<Edge> edges;  // no self-edges, at most one per (from, to)
    double confidence = 0.2;
    double tolerance = 1e-6;
    int rounds = 100;
    double threshold = 0.5;
    double step = 1;            // model.step: the speed of persuasion, in (0, 1]
    double temperature = 0.05;  // outcome.temperature: logistic acceptance
    double margin = 0;          // outcome.margin: added to status-quo reservations
    std::vector<double> status_quo;  // per issue, normalised; meaningful where the issue has a status quo
};

enum class ParamKind {
    capability,
    stubbornness,
    self_weight,
    reservation,
    veto,
    position,
    salience,
    influence_weight,
    confidence,
    tolerance,
    rounds,
    threshold,
    step,
    temperature,
    margin,
    status_quo,
};

// A resolved parameter path: indices into the scenario's actors and issues.
struct ParamPath {
    ParamKind kind = ParamKind::capability;
    int actor = -1;  // actor paths; `to` for influence
    int issue = -1;  // positions, salience and status_quo
    int from = -1;   // influence
    friend bool operator==(const ParamPath&, const ParamPath&) = default;
};

// The valid values of a path (docs/interface.md section 3), in the parameter's own units.
struct ParamRange {
    double lo = 0;
    double hi = 0;         // may be +infinity
    bool lo_open = false;  // tolerance: > 0
    bool integer = false;  // model.rounds
    bool boolean = false;  // veto
};

// Why parse_param_path refused a path: the message (with a "did you mean" hint where one is close)
// and, when the reason is an actor id the scenario does not have, that id (the loader reports unknown
// actors its own way: ScenarioBuilder::unknown_actor_error).
struct PathRefusal {
    std::string message;
    std::string unknown_actor;
};

// Resolves `text` against the scenario's actors and issues; on failure returns nullopt and says why.
std::optional<ParamPath> parse_param_path(const std::string& text, const Scenario& scenario, PathRefusal& why);
// The same with the message alone.
std::optional<ParamPath> parse_param_path(const std::string& text, const Scenario& scenario, std::string& why);
std::string param_path_name(const ParamPath& path, const Scenario& scenario);
ParamRange param_range(const ParamPath& path, const Scenario& scenario);

// "" when `value` is valid for the path, else what is wrong ("is outside [0, 1]").
std::string check_param_value(const ParamPath& path, double value, const Scenario& scenario);
// The nearest valid value: ranges clamp, rounds round to an integer, veto becomes 0 or 1.
double clamp_param_value(const ParamPath& path, double value, const Scenario& scenario);

// Reads or writes a parameter in its own units (positions in the issue's scale). Writing the
// weight of an edge that does not exist creates it.
double get_param(const Params& params, const ParamPath& path, const Scenario& scenario);
void set_param(Params& params, const ParamPath& path, double value, const Scenario& scenario);

// One checked `--set PATH=VALUE` (the loader's parse_overrides makes them): a value in the
// parameter's own units, or `reservation: status-quo` for an actor. Overrides belong to a run
// plan, never to the scenario (docs/architecture.md).
struct Override {
    ParamPath path;
    double value = 0;
    bool reservation_status_quo = false;  // `--set actors.X.reservation=status-quo`
    std::string text;                     // PATH=VALUE as given, for messages
};
// Applies one override to `params`.
void apply_override(Params& params, const Override& override_, const Scenario& scenario);
// Applies `overrides` in order to `params` and drops from `draws` the uncertain parameters they fix
// (a value given on the command line is not drawn): what a run plan's start and draws are, and
// what parse_overrides checks the scenario after.
void apply_overrides(Params& params, std::vector<Uncertain>& draws, const std::vector<Override>& overrides,
                     const Scenario& scenario);

}  // namespace accord
