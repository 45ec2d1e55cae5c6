// accord's allocator settings (sim/app/heap_settings.hpp): a freed block of a few megabytes stays in
// the heap, ready for the next one, instead of going back to the kernel. ctest runs each test case in
// a process of its own, where glibc's defaults (mmap above 128 KiB, so the pages go back at free)
// still hold when this one starts: without keep_freed_heap the check below fails.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include <malloc.h>

#include "../sim/app/heap_settings.hpp"

TEST_CASE("keep_freed_heap keeps a freed block of 2 MiB in the heap", "[heap]") {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer brings its own allocator: glibc's settings and mallinfo2 do not apply.
    WARN("built with AddressSanitizer: glibc's allocator is not the one in use, nothing to check");
    return;
#endif
    accord::app::keep_freed_heap();
    constexpr std::size_t size = std::size_t{2} << 20;  // above glibc's default thresholds, below accord's
    void* block = std::malloc(size);
    REQUIRE(block != nullptr);
    std::memset(block, 1, size);
    std::free(block);
    // The releasable top of the main heap holds the freed block: it was served from the heap (not
    // mmap) and not trimmed back to the kernel at free.
    CHECK(mallinfo2().keepcost >= size);
}
