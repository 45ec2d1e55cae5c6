#include "heap_settings.hpp"

#include <malloc.h>

namespace accord::app {

void keep_freed_heap() {
    // Fixed values also turn off glibc's own adjustment of both thresholds. A refusal (a C library
    // without these settings) only leaves the defaults: slower, the same results.
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

}  // namespace accord::app
