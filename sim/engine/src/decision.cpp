#include "accord/decision.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>
#include <type_traits>

#include <fmt/format.h>

#include "accord/decision_inputs.hpp"
#include "accord/judge.hpp"
#include "accord/run.hpp"
#include "accord/setter.hpp"
#include "accord/terms.hpp"
#include "accord/utility.hpp"

namespace accord {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    std::uint64_t z = x + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Actor i's utility as the setter solver takes it: salience normalised over issues.
LinearUtility linear_utility(const ActorParams& a, const Positions& x, int i) {
    LinearUtility u;
    const std::size_t m = a.salience.size();
    const double total = std::accumulate(a.salience.begin(), a.salience.end(), 0.0);
    u.ideal.resize(m);
    u.weight.assign(m, 0);
    for (std::size_t k = 0; k < m; ++k) {
        u.ideal[k] = x(i, static_cast<long>(k));
        if (total > 0) u.weight[k] = a.salience[k] / total;
    }
    return u;
}

// Adds the ratifiers of every marked actor, following chains (they are acyclic: the loader checks).
// Marks: std::vector<bool> or std::vector<char>.
template <class Marks>
void add_ratifiers(const Scenario& s, Marks& marked) {
    thread_local std::vector<int> stack;  // a thread's buffer: every decision of a run comes here
    stack.clear();
    for (std::size_t i = 0; i < marked.size(); ++i)
        if (marked[i]) stack.push_back(static_cast<int>(i));
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        for (int j : s.actors[static_cast<std::size_t>(i)].ratifiers)
            if (!marked[static_cast<std::size_t>(j)]) {
                marked[static_cast<std::size_t>(j)] = true;
                stack.push_back(j);
            }
    }
}

// The proposer at this decision: the fixed one, or drawn with chance c_i / sum c (Baron–Ferejohn).
// With every capability 0 (a draw, an event or a sweep point; the loader refuses it in the file and
// after --set) there is no chance to draw with: the run stops, as the weighted terms do.
int choose_proposer(const Scenario& s, const DecisionInputs& in, std::uint64_t seed, int round) {
    if (s.outcome.proposer >= 0) return s.outcome.proposer;
    double total = 0;
    for (double c : in.capability) total += c;
    if (!(total > 0))
        throw RunError(
            fmt::format("run with seed {}: round {}: no proposer can be drawn (outcome.proposer: random, "
                        "chance in proportion to capability): every actor has capability 0",
                        seed, round));
    const double u = decision_draw(seed, round, 0) * total;
    double cumulative = 0;
    int last_positive = 0;
    for (std::size_t i = 0; i < in.actors; ++i) {
        if (in.capability[i] <= 0) continue;
        cumulative += in.capability[i];
        last_positive = static_cast<int>(i);
        if (u < cumulative) return last_positive;
    }
    return last_positive;  // rounding at the top end
}

// The agenda setter's offer (docs/models.md section 16.6).
Proposal setter_proposal(const Scenario& s, const Params& p, const Positions& x, const std::vector<double>& rho,
                         int proposer, const std::vector<double>& mean_terms, std::vector<bool>& in_c) {
    const std::size_t n = p.actors.size();
    in_c.assign(n, false);
    in_c[static_cast<std::size_t>(proposer)] = true;
    switch (s.outcome.decision) {
        case Decision::unanimity:
            in_c.assign(n, true);
            break;
        case Decision::veto_players:
            for (std::size_t i = 0; i < n; ++i) in_c[i] = in_c[i] || p.actors[i].veto;
            break;
        case Decision::majority: {
            double total = 0, held = 0;
            for (std::size_t i = 0; i < n; ++i) {
                total += p.actors[i].capability;
                in_c[i] = in_c[i] || p.actors[i].veto;
                if (in_c[i]) held += p.actors[i].capability;
            }
            // The others join in decreasing order of their surplus at the proposer's ideal.
            std::vector<double> ideal(x.cols());
            for (long k = 0; k < x.cols(); ++k) ideal[static_cast<std::size_t>(k)] = x(proposer, k);
            std::vector<std::size_t> order;
            std::vector<double> surplus(n);
            for (std::size_t i = 0; i < n; ++i) {
                if (in_c[i]) continue;
                surplus[i] = utility(p.actors[i], x, static_cast<int>(i), ideal) - rho[i];
                order.push_back(i);
            }
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return surplus[a] > surplus[b]; });
            // Whether C holds `threshold` of the capability as apply_rule will judge it: its members'
            // capabilities added in file order, over the total. `held` adds them in the order they
            // joined, whose rounding differs: {0.3, 0.2, 0.1} joined made 0.6 against a total of
            // 0.6000000000000001, short of threshold 1, and a party refusing everything joined. Far
            // from the threshold (beyond what the order's rounding reaches, n ulps of the total) `held`
            // decides alone; near it, the file-order sum is taken, once per actor of capability above 0
            // that joins within that band (of width n ulps of the total: almost never more than one).
            const auto enough = [&] {
                if (!(total > 0)) return held >= p.threshold * total;
                const double margin = held - p.threshold * total;
                if (std::abs(margin) > 4.0 * static_cast<double>(n + 1) * DBL_EPSILON * total) return margin >= 0;
                double ordered = 0;
                for (std::size_t i = 0; i < n; ++i)
                    if (in_c[i]) ordered += p.actors[i].capability;
                return ordered / total >= p.threshold;
            };
            // An actor of capability 0 changes neither sum: after a "not enough", those joining need no
            // check (else a band of them near the threshold would take a file-order sum each).
            bool short_of = false;
            for (std::size_t i : order) {
                if (!short_of) {
                    if (enough()) break;
                    short_of = true;
                }
                in_c[i] = true;
                held += p.actors[i].capability;
                if (p.actors[i].capability != 0) short_of = false;
            }
            break;
        }
    }
    add_ratifiers(s, in_c);
    const double kappa = s.outcome.acceptance == Acceptance::logistic
                             ? p.temperature * std::log(s.outcome.assurance / (1 - s.outcome.assurance))
                             : 0.0;
    SetterProblem problem;
    problem.proposer = linear_utility(p.actors[static_cast<std::size_t>(proposer)], x, proposer);
    for (std::size_t i = 0; i < n; ++i) {
        if (!in_c[i]) continue;
        problem.needed.push_back(linear_utility(p.actors[i], x, static_cast<int>(i)));
        problem.floor.push_back(rho[i] + kappa);
    }
    problem.tie_target = mean_terms;
    const SetterOffer offer = solve_setter(problem);
    Proposal proposal;
    proposal.feasible = offer.feasible;
    proposal.terms = offer.feasible ? offer.terms : problem.proposer.ideal;
    return proposal;
}

}  // namespace

double decision_draw(std::uint64_t seed, int round, int index) {
    const std::uint64_t key =
        static_cast<std::uint64_t>(round) * (std::uint64_t{1} << 20) + static_cast<std::uint64_t>(index);
    return static_cast<double>(splitmix64(seed ^ splitmix64(key)) >> 11) * 0x1.0p-53;
}

namespace {

// Actor i's reservation at this decision: its utility of the status quo plus the margin (within
// [0, 1]) where its reservation is the status quo, else the fixed one.
double reservation_of(const Params& p, const DecisionInputs& in, const Positions& x, std::size_t i) {
    return in.status_quo[i] ? std::clamp(utility(in, x, static_cast<int>(i), p.status_quo) + p.margin, 0.0, 1.0)
                            : in.reservation[i];
}

void reservations_into(const Params& p, const DecisionInputs& in, const Positions& x, std::vector<double>& rho) {
    rho.resize(in.actors);
    for (std::size_t i = 0; i < in.actors; ++i) rho[i] = reservation_of(p, in, x, i);
}

// Calls body(std::integral_constant<std::size_t, M>{}) with M the issue count m where it is 2, 3
// or 4 (utility_of's sum over a constant count unrolls), else with M = 0 (any count: m).
template <class Body>
void at_issue_count(std::size_t m, Body&& body) {
    switch (m) {
        case 2: return body(std::integral_constant<std::size_t, 2>{});
        case 3: return body(std::integral_constant<std::size_t, 3>{});
        case 4: return body(std::integral_constant<std::size_t, 4>{});
        default: return body(std::integral_constant<std::size_t, 0>{});
    }
}

// Actor i's utility of `terms` at M issues (at_issue_count's M; in.issues == x.cols() == the terms'
// count), as utility() computes it.
template <std::size_t M>
double utility_at(const DecisionInputs& in, const Positions& x, std::size_t i, const double* terms) {
    const std::size_t m = M > 0 ? M : in.issues;
    return utility_of(in.salience.data() + i * m, in.salience_total[i], x.data() + i * m, terms, m);
}

// Scratch space of one thread's decisions: a run judges a decision every round, so these are
// reused rather than allocated each time.
struct Scratch {
    std::vector<double> rho, u;
    std::vector<char> own, accepts;
    std::vector<bool> in_c;  // the setter's constraint set C
    Proposal proposal;       // the terms on the table
};

}  // namespace

namespace {

// needed_actors_into's marks, as bits or chars, from the actors' veto flags (veto_of(i)). Without
// ratifiers nothing is chased: a run fills DecisionInputs::needed after every event, and a
// vector<bool>'s bits and the chase over every actor cost a fifth of that fill (issue 13).
template <class Marks, class VetoOf>
void needed_marks_into(const Scenario& s, std::size_t n, VetoOf veto_of, bool ratifiers, Marks& needed) {
    const bool veto_only = s.outcome.decision == Decision::veto_players;
    needed.resize(n);
    for (std::size_t i = 0; i < n; ++i) needed[i] = !veto_only || veto_of(i);
    if (ratifiers) add_ratifiers(s, needed);
}

}  // namespace

bool any_ratifiers(const Scenario& s) {
    return std::any_of(s.actors.begin(), s.actors.end(), [](const Actor& a) { return !a.ratifiers.empty(); });
}

bool needed_actors_into(const Scenario& s, const Params& p, std::vector<bool>& needed) {
    const bool ratifiers = any_ratifiers(s);
    needed_marks_into(s, p.actors.size(), [&](std::size_t i) { return p.actors[i].veto; }, ratifiers, needed);
    return ratifiers;
}

void needed_actors_into(const Scenario& s, const std::vector<char>& veto, bool ratifiers, std::vector<char>& needed) {
    needed_marks_into(s, veto.size(), [&](std::size_t i) { return veto[i] != 0; }, ratifiers, needed);
}

std::vector<bool> needed_actors(const Scenario& s, const Params& p) {
    std::vector<bool> needed;
    needed_actors_into(s, p, needed);
    return needed;
}

DecisionOutcome decide(const Scenario& s, const Params& p, const Positions& x, std::uint64_t seed, int round,
                       bool with_zopa) {
    DecisionOutcome d;
    decide_into(s, p, x, seed, round, with_zopa, d);
    return d;
}

namespace {

// The terms on the table at this decision (step 2 of docs/models.md section 16.9), into scratch.proposal.
void table_terms(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x,
                 std::uint64_t seed, int round, Scratch& scratch, DecisionOutcome& d) {
    const std::vector<double>& rho = scratch.rho;
    const bool status_quo_reservations = in.any_status_quo;
    if (s.outcome.rule == TermsRule::setter) {
        d.proposer = choose_proposer(s, in, seed, round);
        scratch.proposal = setter_proposal(s, p, x, rho, d.proposer, weighted_mean_terms(in, x), scratch.in_c);
        return;
    }
    if (s.outcome.rule == TermsRule::nash && status_quo_reservations) {
        // The disagreement point of Nash bargaining is each actor's reservation of the moment.
        Params at_decision = p;
        for (std::size_t i = 0; i < p.actors.size(); ++i) at_decision.actors[i].reservation = rho[i];
        scratch.proposal = propose_terms(s, at_decision, x);
        return;
    }
    propose_terms_into(s, p, in, x, scratch.proposal);
}

// Every actor's utility at M issues (utility_at's M), as utility() computes it.
template <std::size_t M>
void utilities_into(const DecisionInputs& in, const Positions& x, const std::vector<double>& terms,
                    std::vector<double>& u) {
    for (std::size_t i = 0; i < in.actors; ++i) u[i] = utility_at<M>(in, x, i, terms.data());
}

// Each actor's utility and own verdict (step 3), then ratification (step 4): an actor accepts
// only if its ratifiers do.
// Returns the effective verdicts (the own ones when no actor has ratifiers).
const std::vector<char>& verdicts(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x,
                                  std::uint64_t seed, int round, const std::vector<double>& terms, Scratch& scratch) {
    const std::size_t n = in.actors;
    const std::vector<double>& rho = scratch.rho;
    const bool logistic = s.outcome.acceptance == Acceptance::logistic;
    // The setter's offer sits on the boundary of the constraints of C by construction: a member of C
    // whose constraint is met within 1e-9 accepts (docs/models.md section 16.6); everyone else strictly.
    const bool setter = s.outcome.rule == TermsRule::setter;
    std::vector<double>& u = scratch.u;
    std::vector<char>& own = scratch.own;
    u.resize(n);
    own.resize(n);
    // The utilities in a loop of their own (issue 13): a char store may alias anything, so beside
    // the verdicts' stores every vector's pointer was read again for each actor. Same arithmetic.
    at_issue_count(terms.size(), [&](auto M) { utilities_into<M>(in, x, terms, u); });
    if (logistic) {
        for (std::size_t i = 0; i < n; ++i) {
            const double probability = 1 / (1 + std::exp(-(u[i] - rho[i]) / p.temperature));
            own[i] = decision_draw(seed, round, static_cast<int>(i) + 1) < probability;
        }
    } else {
        const double* const utility_of_actor = u.data();
        const double* const reservation = rho.data();
        char* const verdict = own.data();
        for (std::size_t i = 0; i < n; ++i)
            verdict[i] = utility_of_actor[i] >= reservation[i] - (setter && scratch.in_c[i] ? 1e-9 : 0.0);
    }
    if (!in.any_ratifiers) return own;
    std::vector<char>& accepts = scratch.accepts;
    accepts = own;
    // Chains are acyclic, so n passes settle every actor.
    for (std::size_t pass = 0; pass < n; ++pass) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!accepts[i]) continue;
            for (int j : s.actors[i].ratifiers)
                if (!accepts[static_cast<std::size_t>(j)]) {
                    accepts[i] = false;
                    changed = true;
                    break;
                }
        }
        if (!changed) break;
    }
    return accepts;
}

// The decision rule of section 8 on the effective verdicts (step 5): the accepting share and
// whether the rule holds (the proposal's feasibility is the caller's).
void apply_rule(const Scenario& s, const Params& p, const DecisionInputs& in, const std::vector<char>& accepts,
                DecisionOutcome& d) {
    double total = 0, accepting = 0;
    bool all_accept = true, vetoes_accept = true;
    for (std::size_t i = 0; i < in.actors; ++i) {
        total += in.capability[i];
        if (accepts[i]) {
            accepting += in.capability[i];
        } else {
            all_accept = false;
            if (in.veto[i]) vetoes_accept = false;
        }
    }
    d.accepting_share = total > 0 ? accepting / total : 0;
    d.agreed = decision_rule_holds(s.outcome.decision, all_accept, vetoes_accept, d.accepting_share, p.threshold);
}

// Each needed actor's utility and reservation, as the zone's program takes them.
void needed_constraints(const Params& p, const Positions& x, const std::vector<ActorVerdict>& needed,
                        std::vector<LinearUtility>& utilities, std::vector<double>& floors) {
    for (const ActorVerdict& v : needed) {
        utilities.push_back(linear_utility(p.actors[static_cast<std::size_t>(v.actor)], x, v.actor));
        floors.push_back(v.reservation);
    }
}

// The zone of possible agreement (docs/models.md section 16.10): each needed actor's acceptable
// slice of every issue, their intersection, and whether some terms satisfy them all at once.
void zone_of_agreement(const Params& p, const Positions& x, DecisionOutcome& d) {
    std::vector<LinearUtility> utilities;
    std::vector<double> floors;
    needed_constraints(p, x, d.needed, utilities, floors);
    for (int k = 0; k < static_cast<int>(x.cols()); ++k) {
        std::optional<std::pair<double, double>> all = std::make_pair(0.0, 1.0);
        for (std::size_t a = 0; a < utilities.size(); ++a) {
            const auto interval = acceptable_interval(utilities[a], floors[a], d.terms, k);
            ZopaSlice slice{k, d.needed[a].actor, std::nullopt, std::nullopt};
            if (interval) {
                slice.low = interval->first;
                slice.high = interval->second;
            }
            d.zopa.push_back(slice);
            // Slices that meet within 1e-9 touch (the setter's offer sits on their boundaries).
            if (!interval || !all || interval->first > all->second + 1e-9 || interval->second < all->first - 1e-9)
                all.reset();
            else
                all = std::make_pair(std::max(all->first, interval->first), std::min(all->second, interval->second));
            if (all && all->first > all->second) all = std::make_pair(all->second, all->first);
        }
        ZopaSlice intersection{k, -1, std::nullopt, std::nullopt};
        if (all) {
            intersection.low = all->first;
            intersection.high = all->second;
        }
        d.zopa.push_back(intersection);
    }
    d.zone = zone_exists(utilities, floors, d.terms);  // the program only when the terms miss some floor
}

}  // namespace

bool zone_exists_at(const Params& p, const Positions& x, const std::vector<ActorVerdict>& needed,
                    const std::vector<double>& terms) {
    std::vector<LinearUtility> utilities;
    std::vector<double> floors;
    needed_constraints(p, x, needed, utilities, floors);
    return zone_exists(utilities, floors, terms);
}

// The steps of docs/models.md section 16.9, in order.
void decide_into(const Scenario& s, const Params& p, const Positions& x, std::uint64_t seed, int round, bool with_zopa,
                 DecisionOutcome& d) {
    thread_local DecisionInputs inputs;
    decision_inputs_into(s, p, inputs);
    decide_into(s, p, inputs, x, seed, round, with_zopa, d);
}

void decide_into(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x, std::uint64_t seed,
                 int round, bool with_zopa, DecisionOutcome& d) {
    const std::size_t n = in.actors;
    thread_local Scratch scratch;
    reservations_into(p, in, x, scratch.rho);
    d.proposer = -1;
    d.zone = false;
    d.needed.clear();
    d.zopa.clear();
    table_terms(s, p, in, x, seed, round, scratch, d);
    const Proposal& proposal = scratch.proposal;
    d.terms = proposal.terms;
    d.offer_feasible = proposal.feasible;
    apply_rule(s, p, in, verdicts(s, p, in, x, seed, round, d.terms, scratch), d);
    d.agreed = d.agreed && proposal.feasible;

    // Sized once, then written through pointers: push_back may allocate, so beside it every pointer
    // of the scratch was read again for each actor (issue 13).
    const char* const needed = in.needed.data();
    d.needed.resize(static_cast<std::size_t>(std::count_if(needed, needed + n, [](char c) { return c != 0; })));
    ActorVerdict* verdict = d.needed.data();
    const double* const u = scratch.u.data();
    const double* const rho = scratch.rho.data();
    const char* const own = scratch.own.data();
    for (std::size_t i = 0; i < n; ++i)
        if (needed[i]) *verdict++ = {static_cast<int>(i), u[i], rho[i], own[i] != 0};

    if (with_zopa) zone_of_agreement(p, x, d);
}

namespace {

// Whether the terms' weights on every issue and actor i's saliences add up to at least 2^-1000: then
// a product that falls below the normal doubles (rounded to a multiple of 2^-1074) is off by a
// negligible share of its sum, and the terms and i's utility are as close to exact as their
// additions make them (decide_quick_into's margin). A drawn or event-set capability or salience
// can make them subnormal, when the terms move in coarse steps.
bool normal_sums(const DecisionInputs& in, std::size_t i) {
    constexpr double smallest = 0x1p-1000;
    if (!(in.salience_total[i] >= smallest)) return false;
    for (double total : in.weight_total)
        if (!(total >= smallest)) return false;
    return true;
}

}  // namespace

bool decide_quick_into(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x,
                       DecisionOutcome& d, std::size_t& first, double* margin) {
    if (margin) *margin = 0;
    const bool mean_or_median = s.outcome.rule == TermsRule::weighted_mean || s.outcome.rule == TermsRule::weighted_median;
    const bool nash_fixed = s.outcome.rule == TermsRule::nash && !in.any_status_quo;  // no reservations in the terms
    // Logistic acceptance needs decisions at meetings (the loader refuses it every round), which
    // decide in full.
    if (!(mean_or_median || nash_fixed) || s.outcome.decision == Decision::majority ||
        s.outcome.acceptance == Acceptance::logistic)
        return false;
    // The terms as table_terms puts them on the table (propose_terms_into), written into d.terms.
    thread_local Proposal proposal;
    std::swap(proposal.terms, d.terms);
    propose_terms_into(s, p, in, x, proposal);
    std::swap(proposal.terms, d.terms);
    d.proposer = -1;
    d.offer_feasible = proposal.feasible;
    d.agreed = proposal.feasible;
    // Under veto-players and unanimity the rule holds iff every needed actor's effective verdict
    // accepts, and the needed set holds every ratifier of its members, so iff every needed actor's
    // own verdict accepts (verdicts and apply_rule): each one's utility and reservation as there.
    // The verdicts are independent, so their order does not matter: `first` (the last actor who
    // rejected) is judged first, as the likeliest to reject again, then the others in actor order.
    const double* const terms = d.terms.data();
    if (first >= in.actors) first = 0;
    at_issue_count(in.issues, [&](auto M) {
        for (std::size_t j = 0; d.agreed && j <= in.actors; ++j) {
            const std::size_t i = j == 0 ? first : j - 1;
            if (!in.needed[i] || (j > 0 && i == first)) continue;
            const double u = utility_at<M>(in, x, i, terms), rho = reservation_of(p, in, x, i);
            d.agreed = u >= rho;
            if (d.agreed) continue;
            first = i;
            if (margin && s.outcome.rule == TermsRule::weighted_mean && !in.status_quo[i] && normal_sums(in, i))
                *margin = rho - u;
        }
    });
    return true;
}

}  // namespace accord
