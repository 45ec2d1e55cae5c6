#include "accord/run_spread.hpp"

namespace accord {

RunSpread run_spread(const Scenario& s, int threads, long threshold) {
    const long work = (static_cast<long>(s.actor_count()) + static_cast<long>(s.base.edges.size())) *
                      static_cast<long>(s.issue_count());
    return threads > 1 && work >= threshold ? RunSpread::within_run : RunSpread::across_runs;
}

}  // namespace accord
