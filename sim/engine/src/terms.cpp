#include "accord/terms.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "accord/decision.hpp"
#include "accord/decision_inputs.hpp"
#include "accord/nash.hpp"

namespace accord {

namespace {

// On spans, so that the weights of a run's DecisionInputs are read in place; the values every
// `stride` doubles from `values`, so that a column of the (row-major) positions is read in place.
double mean_of(const double* values, std::size_t stride, std::span<const double> weights) {
    double sum = 0, total = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        sum += weights[i] * values[i * stride];
        total += weights[i];
    }
    return total > 0 && std::isfinite(total) ? sum / total : std::nan("");
}

double mean_of(std::span<const double> values, std::span<const double> weights) {
    return mean_of(values.data(), 1, weights.first(values.size()));
}

// `order` is scratch space (a thread's buffer when called every round).
double median_of(std::span<const double> values, std::span<const double> weights, std::vector<std::size_t>& order) {
    order.resize(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (!(total > 0) || !std::isfinite(total)) return std::nan("");
    double cumulative = 0;
    for (std::size_t idx = 0; idx < order.size(); ++idx) {
        cumulative += weights[order[idx]];
        // Equal positions count together: the median is a position, not an actor.
        if (idx + 1 < order.size() && values[order[idx + 1]] == values[order[idx]]) continue;
        if (cumulative >= 0.5 * total) return values[order[idx]];
    }
    return values[order.back()];
}

}  // namespace

double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
    return mean_of(values, weights);
}

double weighted_median(const std::vector<double>& values, const std::vector<double>& weights) {
    std::vector<std::size_t> order;
    return median_of(values, weights, order);
}

namespace {

// The weights c_i s_ik of issue k, into `w` (a thread's buffer: terms are proposed every round).
const std::vector<double>& issue_weights(const Params& p, std::size_t k, std::vector<double>& w) {
    w.resize(p.actors.size());
    for (std::size_t i = 0; i < p.actors.size(); ++i) w[i] = p.actors[i].capability * p.actors[i].salience[k];
    return w;
}

// The positions of every actor on issue k, into `v`.
const std::vector<double>& column(const Positions& x, std::size_t k, std::vector<double>& v) {
    v.resize(static_cast<std::size_t>(x.rows()));
    for (long i = 0; i < x.rows(); ++i) v[static_cast<std::size_t>(i)] = x(i, static_cast<long>(k));
    return v;
}

// The two buffers of this thread.
struct IssueBuffers {
    std::vector<double> values, weights;
    std::vector<std::size_t> order;  // median_of's
};
IssueBuffers& issue_buffers() {
    thread_local IssueBuffers buffers;
    return buffers;
}

}  // namespace

std::vector<double> weighted_mean_terms(const Params& p, const Positions& x) {
    const std::size_t m = static_cast<std::size_t>(x.cols());
    std::vector<double> terms(m);
    IssueBuffers& b = issue_buffers();
    for (std::size_t k = 0; k < m; ++k)
        terms[k] = weighted_mean(column(x, k, b.values), issue_weights(p, k, b.weights));
    return terms;
}

std::vector<double> weighted_mean_terms(const DecisionInputs& in, const Positions& x) {
    const std::size_t m = static_cast<std::size_t>(x.cols());
    std::vector<double> terms(m);
    IssueBuffers& b = issue_buffers();
    for (std::size_t k = 0; k < m; ++k) terms[k] = mean_of(column(x, k, b.values), in.issue_weights(k));
    return terms;
}

namespace {

// mean_of on every issue of M at once, reading each actor's row of x once: each issue's sums still
// add the actors in increasing order, so every term is the same double. The weights' totals are
// the inputs' (weight_total: the same sums, made once per change of weights, not every round).
template <int M>
void mean_terms(const DecisionInputs& in, const Positions& x, std::vector<double>& terms) {
    const std::size_t n = in.actors;
    const double* w = in.weight.data();  // issue-major: w[k * n + i]
    const double* row = x.data();
    const double* total = in.weight_total.data();
    double sum[M] = {};
    for (std::size_t i = 0; i < n; ++i, row += M)
        for (int k = 0; k < M; ++k) sum[k] += w[static_cast<std::size_t>(k) * n + i] * row[k];
    for (int k = 0; k < M; ++k)
        terms[static_cast<std::size_t>(k)] = total[k] > 0 && std::isfinite(total[k]) ? sum[k] / total[k] : std::nan("");
}

}  // namespace

Proposal propose_terms(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x) {
    Proposal proposal;
    propose_terms_into(s, p, in, x, proposal);
    return proposal;
}

void propose_terms_into(const Scenario& s, const Params& p, const DecisionInputs& in, const Positions& x,
                        Proposal& proposal) {
    if (s.outcome.rule != TermsRule::weighted_mean && s.outcome.rule != TermsRule::weighted_median) {
        proposal = propose_terms(s, p, x);
        return;
    }
    const std::size_t m = s.issues.size();
    proposal.terms.resize(m);
    proposal.feasible = true;
    if (s.outcome.rule == TermsRule::weighted_mean) {
        switch (m) {
            case 2: return mean_terms<2>(in, x, proposal.terms);
            case 3: return mean_terms<3>(in, x, proposal.terms);
            case 4: return mean_terms<4>(in, x, proposal.terms);
            default:
                // Read in place: x is row-major, so issue k's column is every m-th double from x(0, k).
                for (std::size_t k = 0; k < m; ++k) proposal.terms[k] = mean_of(x.data() + k, m, in.issue_weights(k));
                return;
        }
    }
    IssueBuffers& b = issue_buffers();
    for (std::size_t k = 0; k < m; ++k)
        proposal.terms[k] = median_of(column(x, k, b.values), in.issue_weights(k), b.order);
}

Proposal propose_terms(const Scenario& s, const Params& p, const Positions& x) {
    const std::size_t m = s.issues.size();
    Proposal proposal;
    IssueBuffers& b = issue_buffers();
    switch (s.outcome.rule) {
        case TermsRule::weighted_mean:
            for (std::size_t k = 0; k < m; ++k)
                proposal.terms.push_back(weighted_mean(column(x, k, b.values), issue_weights(p, k, b.weights)));
            break;
        case TermsRule::weighted_median:
            for (std::size_t k = 0; k < m; ++k)
                proposal.terms.push_back(median_of(column(x, k, b.values), issue_weights(p, k, b.weights), b.order));
            break;
        case TermsRule::nash:
            proposal = nash_terms(s, p, x);
            break;
        case TermsRule::setter: {
            // The setter's offer belongs to a decision (its proposer may be drawn): that of seed 0, round 0.
            const DecisionOutcome d = decide(s, p, x, 0, 0, false);
            proposal.terms = d.terms;
            proposal.feasible = d.offer_feasible;
            break;
        }
    }
    return proposal;
}

}  // namespace accord
