#include "accord/huge_pages.hpp"

#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace accord {

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
}

void HugePageBuffer::Free::operator()(double* p) const { std::free(p); }

void HugePageBuffer::reserve(std::size_t count) {
    if (count <= capacity_) return;
    const std::size_t bytes = count * sizeof(double);
    // Below one huge page: an ordinary (cache-line aligned) allocation.
    const std::size_t align = bytes >= huge_page ? huge_page : 64;
    const std::size_t rounded = (bytes + align - 1) / align * align;
    data_.reset(static_cast<double*>(std::aligned_alloc(align, rounded)));
    if (!data_) throw std::bad_alloc();
    // Only advice: without transparent huge pages the buffer works the same, with small pages.
    if (align == huge_page) madvise(data_.get(), rounded, MADV_HUGEPAGE);
    capacity_ = rounded / sizeof(double);
}

}  // namespace accord
