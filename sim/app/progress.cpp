#include "progress.hpp"

#include <cstdio>

#include <unistd.h>

#include <fmt/format.h>

namespace accord::app {

Progress::Progress(std::string unit, bool enabled)
    : unit_(std::move(unit)),
      enabled_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(long done, long total) {
    if (!enabled_) return;
    if (first_done_ < 0) first_done_ = done;  // work resumed from an earlier run is not counted in the rate
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 1.0 || (shown_ && std::chrono::duration<double>(now - last_).count() < 0.2 && done < total)) return;
    last_ = now;
    shown_ = true;
    const double rate = static_cast<double>(done - first_done_) / elapsed;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    const long seconds = static_cast<long>(left + 0.5);
    std::fprintf(stderr, "\r%s",
                 fmt::format("{}/{} {} ({:.1f}%), {:.1f} {}/s, {}:{:02}:{:02} left   ", done, total, unit_,
                             total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0, rate,
                             unit_, seconds / 3600, seconds / 60 % 60, seconds % 60)
                     .c_str());
    std::fflush(stderr);
}

void Progress::finish() {
    if (shown_) std::fprintf(stderr, "\n");
    shown_ = false;
}

}  // namespace accord::app
