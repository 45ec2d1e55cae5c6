// A scenario as loaded from its file: immutable after loading, and it remembers where each
// element came from (docs/interface.md section 2).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "accord/actor_id_index.hpp"
#include "accord/calendar.hpp"
#include "accord/edge_index.hpp"
#include "accord/location.hpp"
#include "accord/params.hpp"

namespace accord {

struct Issue {
    std::string id;
    std::string name;
    double lo = 0;
    double hi = 100;
    std::map<double, std::string> labels;
    Location where;
    bool has_status_quo = false;  // `status_quo` given: its value is Params::status_quo[k]

    double normalise(double value) const { return (value - lo) / (hi - lo); }
    double to_units(double x) const { return lo + x * (hi - lo); }
};

struct Actor {
    std::string id;
    std::string name;
    Location where;
    std::vector<int> ratifiers;  // actors whose acceptance this actor's acceptance needs (docs/models.md section 16.8)
};

enum class Dynamics { degroot, friedkin_johnsen, bounded_confidence, expected_utility };
enum class Weighting { edge, capability, capability_salience };
enum class TermsRule { weighted_mean, weighted_median, nash, setter };
enum class Decision { unanimity, veto_players, majority };
enum class StopRule { on_agreement, end };
enum class EuVariant { bdm, scholz2011 };
enum class DecideRule { every_round, at_meetings };
enum class Acceptance { threshold, logistic };

struct ModelSpec {
    Dynamics dynamics = Dynamics::friedkin_johnsen;
    Weighting weighting = Weighting::capability_salience;
    std::optional<Eigen::MatrixXd> coupling;  // m x m, issues in listed order
    EuVariant variant = EuVariant::bdm;
    double q = 1;
    double t = 1;
};

struct OutcomeSpec {
    TermsRule rule = TermsRule::weighted_mean;
    Decision decision = Decision::unanimity;
    StopRule stop = StopRule::on_agreement;
    Location decision_where;      // where `decision` was given, for messages
    bool decision_given = false;  // else the default follows the file's vetoes (a --set never changes it)
    // The negotiation process (docs/models.md section 16); the defaults keep the original model.
    DecideRule decide = DecideRule::every_round;
    Acceptance acceptance = Acceptance::threshold;
    int proposer = -1;              // rule: setter: the proposing actor, or -1 for `random`
    double assurance = 0.9;         // setter + logistic: the acceptance probability offered to each needed actor
    bool margin_given = false;      // outcome.margin is written in the file (whatever its value)
};

// One `path: value` of an event or of --set, value in the parameter's units.
struct Assignment {
    ParamPath path;
    double value = 0;
    Location where;
};

struct Event {
    int round = 0;
    std::string name;
    std::vector<Assignment> set;
    Location where;
    bool meeting = false;  // the parties decide at this round (decide: at-meetings)
};

enum class DistributionKind { normal, uniform, triangular, choice };

struct Distribution {
    DistributionKind kind = DistributionKind::uniform;
    std::vector<double> args;  // normal: mean, sd; uniform: low, high; triangular: low, mode, high; choice: values
};

struct Uncertain {
    ParamPath path;
    std::string name;  // the path as written, for column headers
    Distribution distribution;
    Location where;
};

enum class Design { grid, random, lhs, sobol };

struct SweepParameter {
    ParamPath path;
    std::string name;
    std::vector<double> values;    // grid: explicit values
    std::optional<double> lo, hi;  // range
    int steps = 0;                 // grid over a range
    Location where;
};

struct SweepSpec {
    Design design = Design::grid;
    long samples = 0;
    std::optional<long> replications;
    std::vector<SweepParameter> parameters;
    Location where;
};

struct Observed {
    std::vector<std::optional<double>> terms;  // per issue, in the issue's units
    std::optional<bool> agreed;
    std::string note;
};

// `counterfactual_of: FILE`: the file is a variant of the reference scenario FILE, a world that did
// not happen. It has no `observed` block of its own and is never scored by `accord backtest`.
struct CounterfactualOf {
    std::string path;      // as written, relative to the scenario's folder unless absolute
    std::string resolved;  // the path the loader checked exists
    Location where;        // of the value, for messages
};

// A file the loader read and its bytes exactly as read: manifest.json fingerprints these, so
// that --resume and merge refuse results made from other input bytes.
struct InputFile {
    std::string path;
    std::string bytes;
};

struct Scenario {
    std::string file;
    std::vector<InputFile> inputs;  // every file read: the scenario first, then its tables
    std::string name;
    std::string description;
    std::vector<std::string> sources;
    std::vector<Issue> issues;
    std::vector<Actor> actors;
    Params base;  // the file's values, then --set
    ModelSpec model;
    OutcomeSpec outcome;
    std::optional<Calendar> calendar;
    std::vector<Event> events;  // in the order they apply
    std::vector<Uncertain> uncertainty;
    long runs = 1;
    std::uint64_t seed = 1;
    std::optional<SweepSpec> sweep;
    std::optional<Observed> observed;
    std::optional<CounterfactualOf> counterfactual_of;

    // The actors by id and the edges of `base` by (from, to), built by index() (the loader calls it once
    // the actors and the influence edges are read): a parameter path is then resolved without a scan of
    // every actor or edge. A Scenario made or grown by hand after is searched by a scan (find_actor and
    // find_edge check that the index covers as many actors and edges as there are); call index() again
    // after renaming actors.
    ActorIdIndex actor_index;
    EdgeIndex edge_index;

    int actor_count() const { return static_cast<int>(actors.size()); }
    int issue_count() const { return static_cast<int>(issues.size()); }
    void index();
    void index(ActorIdIndex actors_by_id);  // the same, with the actors' index already built over `actors`
    // The same, with both indexes already built, over `actors` and over `base.edges`.
    void index(ActorIdIndex actors_by_id, EdgeIndex edges_by_ends);
    int find_actor(const std::string& id) const;
    long find_edge(int from, int to) const;  // the index in base.edges of the edge from -> to, -1 when none
    int find_issue(const std::string& id) const;
    std::vector<std::string> actor_ids() const;
    std::vector<std::string> issue_ids() const;
    bool has_status_quo() const;  // some issue has a status quo: the outcome.<issue> columns exist
};

// The most rounds any run may simulate: model.rounds, or the largest value an event, a sweep or a
// distribution in `uncertainty` may give it (a normal distribution: the largest valid value), at most 1e9.
long most_rounds(const Scenario& scenario);

}  // namespace accord
