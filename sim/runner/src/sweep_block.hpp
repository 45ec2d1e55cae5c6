// The block runner of a sweep: this shard's runs in (point, replication) order, computed a block
// at a time in parallel, so memory stays flat whatever the number of points or replications.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "accord/design.hpp"
#include "accord/scenario.hpp"

namespace accord::detail {

class SweepBlockRunner {
public:
    // The design points of this shard are those p with p mod N = K (shard K of N), in order: run i
    // of the shard is replication i % replications of point K + (i / replications) N, with seed
    // `seed` + replication, from `start` (the run plan's) with the point's values set, drawing `draws`.
    SweepBlockRunner(const Scenario& scenario, const Params& start, const std::vector<Uncertain>& draws,
                     const DesignPoints& design, long shard_index, long shard_count, long replications,
                     std::uint64_t seed);

    struct Block {
        std::string runs;    // rows of runs.csv
        std::string points;  // rows of points.csv: the points whose last replication is in the block
        bool interrupted = false;
    };

    // Runs [first, first + count) of this shard. The point in progress at the end of a block is
    // carried to the next; an interrupted block yields nothing and must not be followed by others.
    Block run(long first, long count, const std::atomic<bool>* interrupted);

private:
    std::string point_row(long point);
    // Appends a replication's value to one of the point's samples.
    void add_to_point(std::vector<double>& values, double value) const;
    // The design point of the shard's b-th point.
    long point_of(long b) const { return shard_index_ + b * shard_count_; }

    const Scenario& s_;
    const Params& start_;
    const std::vector<Uncertain>& draws_;
    const DesignPoints& design_;
    long shard_index_;
    long shard_count_;
    // The points of the block being run, from the first point of the block on.
    long first_point_ = 0;
    std::vector<DesignPoint> block_points_;
    long reps_;
    std::uint64_t seed_;
    // The point in progress: its agreements, terms and outcomes (in units) so far; outcomes only
    // on the issues with a status quo, and whether each replication agreed only when some issue has
    // one (its terms_if_agreed columns).
    long point_agreed_ = 0;
    std::vector<bool> point_agreed_flags_;
    std::vector<std::vector<double>> point_terms_;
    std::vector<std::vector<double>> point_outcomes_;
};

}  // namespace accord::detail
