// Big arrays of the loader (a table's bytes, its edges, the actor index) backed by 2 MiB pages:
// their first touches and their random reads (ten million lookups among a million actors) cost a
// page fault and a page walk per 4 KiB otherwise, which under virtualisation were a third of
// `accord validate` (docs/performance.md, "Loading big inputs").
#pragma once

#include <cstddef>

namespace accord::detail {

// Asks the kernel (Linux: madvise MADV_HUGEPAGE) to back the whole 2 MiB pages inside
// [data, data + bytes) with huge pages; a hint only, without effect elsewhere or when refused.
// Call it before the memory is first written.
void advise_huge_pages(const void* data, std::size_t bytes);

}  // namespace accord::detail
