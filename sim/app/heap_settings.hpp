// How the C library's allocator treats freed memory in the accord process (glibc's mallopt).
#pragma once

namespace accord::app {

// Keeps freed memory of up to 32 MiB at the top of each heap, and serves blocks of up to 4 MiB from
// the heap rather than from mmap. Clp frees and reallocates its factorisation's work areas (about a
// megabyte) at every factorisation, three times per setter program: with glibc's defaults (trim
// above 128 KiB) each of them returned the pages to the kernel and faulted them in again, which
// took 60% of the CPU time of the reference scenario (docs/performance.md, "Many small runs").
// Changes no computed value; call once, before any thread starts.
void keep_freed_heap();

}  // namespace accord::app
