// The failure of a parallel batch that every thread count reports alike: the one of the run with
// the lowest index. Runs above the lowest failure found so far may be skipped (they cannot change
// the answer); runs below it must still be computed, since one of them may fail too.
#pragma once

#include <atomic>
#include <exception>
#include <limits>
#include <mutex>

namespace accord::detail {

class LowestFailure {
public:
    // Whether run `index` can no longer change which failure is reported.
    bool skip(long index) const { return index > lowest_.load(std::memory_order_relaxed); }

    // Runs `work` for run `index`, keeping its exception when it is the lowest so far.
    template <class Work>
    void run(long index, Work&& work) {
        if (skip(index)) return;
        try {
            work();
        } catch (...) {
            const std::lock_guard<std::mutex> hold(mutex_);
            if (index < lowest_.load()) {
                lowest_ = index;
                error_ = std::current_exception();
            }
        }
    }

    bool failed() const { return error_ != nullptr; }
    // The index of the run whose failure rethrow() throws (when failed()).
    long lowest() const { return lowest_.load(); }
    // Throws the lowest run's exception, if any run failed.
    void rethrow() const {
        if (error_) std::rethrow_exception(error_);
    }

private:
    std::atomic<long> lowest_{std::numeric_limits<long>::max()};
    std::mutex mutex_;
    std::exception_ptr error_;
};

}  // namespace accord::detail
