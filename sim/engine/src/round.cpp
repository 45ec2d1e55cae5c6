#include "accord/round.hpp"

#include <algorithm>
#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace accord {

namespace {

struct RoundInputs {
    const Params& p;
    const InfluenceRows& rows;
    const Positions& x;
    const Positions& y;  // x, or X C^T under coupling
    const Positions& anchor;
    bool bounded;
    bool anchored;
    double radius;
    double step;
};

// Targets [begin, end) of the round: step_dynamics's loop body, reading the rows instead.
void step_targets(const RoundInputs& in, Positions& next, int begin, int end) {
    const int m = static_cast<int>(in.x.cols());
    for (int i = begin; i < end; ++i) {
        const double a = in.anchored ? in.p.actors[static_cast<std::size_t>(i)].stubbornness : 0;
        const std::int64_t first = in.rows.first(i), last = in.rows.first(i + 1);
        for (int k = 0; k < m; ++k) {
            const double xi = in.x(i, k);
            double total = in.rows.own_weight(i, k);
            double sum = total * in.y(i, k);
            for (std::int64_t e = first; e < last; ++e) {
                const int j = in.rows.source(e);
                if (in.bounded && std::abs(in.x(j, k) - xi) > in.radius) continue;
                const double r = in.rows.weight(e, k);
                total += r;
                sum += r * in.y(j, k);
            }
            // A row of W that sums to 0 keeps its current position (docs/models.md section 2).
            if (total <= 0) {
                next(i, k) = xi;
                continue;
            }
            double value = (1 - a) * (sum / total) + a * in.anchor(i, k);
            // The speed of persuasion (docs/models.md section 16.2), as in step_dynamics.
            if (in.step != 1) value = xi + in.step * (value - xi);
            next(i, k) = std::clamp(value, 0.0, 1.0);
        }
    }
}

}  // namespace

void step_round(const Scenario& s, const Params& p, const InfluenceRows& rows, const Positions& x,
                const Positions& anchor, Positions& next, Positions& coupled) {
    const Positions* y = &x;
    if (s.model.coupling) {
        coupled.resize(x.rows(), x.cols());
        coupled.noalias() = x * s.model.coupling->transpose();
        y = &coupled;
    }
    const RoundInputs in{p,
                         rows,
                         x,
                         *y,
                         anchor,
                         s.model.dynamics == Dynamics::bounded_confidence,
                         s.model.dynamics != Dynamics::degroot,
                         p.confidence + 1e-12,
                         p.step};
    const int n = static_cast<int>(x.rows());
    const long work = (static_cast<long>(n) + rows.edges()) * x.cols();
    if (work < parallel_round_work) {
        step_targets(in, next, 0, n);
        return;
    }
    // Isolated: a thread waiting here takes no other run's task (its buffers are in use, run.cpp).
    tbb::this_task_arena::isolate([&] {
        tbb::parallel_for(tbb::blocked_range<int>(0, n, parallel_round_grain), [&](const tbb::blocked_range<int>& range) {
            step_targets(in, next, range.begin(), range.end());
        });
    });
}

}  // namespace accord
