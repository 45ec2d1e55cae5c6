#include "accord/huge_pages.hpp"

#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace accord::detail {

void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (at + huge - 1) & ~(huge - 1);
    const std::uintptr_t last = (at + bytes) & ~(huge - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint: failure is harmless
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace accord::detail

namespace accord {

void HugePageBuffer::Free::operator()(double* p) const { std::free(p); }

void HugePageBuffer::reserve(std::size_t count) {
    if (count <= capacity_) return;
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    const std::size_t bytes = count * sizeof(double);
    // Below one huge page: an ordinary (cache-line aligned) allocation.
    const std::size_t align = bytes >= huge_page ? huge_page : 64;
    const std::size_t rounded = (bytes + align - 1) / align * align;
    data_.reset(static_cast<double*>(std::aligned_alloc(align, rounded)));
    if (!data_) throw std::bad_alloc();
    detail::advise_huge_pages(data_.get(), rounded);  // only advice: small pages work the same
    capacity_ = rounded / sizeof(double);
}

}  // namespace accord
