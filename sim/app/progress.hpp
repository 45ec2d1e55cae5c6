// Progress on stderr for long commands: only when stderr is a terminal, not with -q, and only
// once the work has taken more than a second.
#pragma once

#include <chrono>
#include <string>

namespace accord::app {

class Progress {
public:
    Progress(std::string unit, bool enabled);
    void update(long done, long total);
    void finish();

private:
    std::string unit_;
    bool enabled_;
    bool shown_ = false;
    long first_done_ = -1;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace accord::app
