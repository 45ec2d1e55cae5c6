// SIGINT and SIGTERM as a request to stop, while a command can still stop cleanly.
#pragma once

#include <atomic>
#include <csignal>

namespace accord::app {

// While it lives, SIGINT and SIGTERM set a flag instead of ending the process, so that the command
// stops at its next check and cleans up: a sweep keeps its finished points, a run removes its
// temporary files. The previous handlers come back when it ends.
class InterruptScope {
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

    // The flag, set by either signal.
    static const std::atomic<bool>* flag();
    static bool requested() { return flag()->load(); }

private:
    struct sigaction previous_int_ {}, previous_term_{};
};

}  // namespace accord::app
