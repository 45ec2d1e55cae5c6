// Big arrays backed by 2 MiB pages: the loader's (a table's bytes, its edges, the actor index), whose
// first touches and random reads (ten million lookups among a million actors) cost a page fault and a
// page walk per 4 KiB otherwise, which under virtualisation were a third of `accord validate`; and
// the round's packed positions (HugePageBuffer), gathered from anywhere in a big network's buffer,
// where with 4 KiB pages nearly every read also misses the TLB (docs/performance.md, "Loading big
// inputs" and "The round"). Own code: neither the standard library nor Debian's Boost has an
// allocator that calls madvise.
#pragma once

#include <cstddef>
#include <memory>

namespace accord {

namespace detail {

// Asks the kernel (Linux: madvise MADV_HUGEPAGE) to back the whole 2 MiB pages inside
// [data, data + bytes) with huge pages; a hint only, without effect elsewhere or when refused.
// Call it before the memory is first written.
void advise_huge_pages(const void* data, std::size_t bytes);

}  // namespace detail

// A buffer of doubles on 2 MiB pages once it spans more than one (advise_huge_pages).
class HugePageBuffer {
public:
    // At least `count` doubles, their values unspecified; keeps the memory when it is big enough.
    void reserve(std::size_t count);
    double* data() { return data_.get(); }
    const double* data() const { return data_.get(); }
    std::size_t capacity() const { return capacity_; }

private:
    struct Free {
        void operator()(double* p) const;
    };
    std::unique_ptr<double[], Free> data_;
    std::size_t capacity_ = 0;
};

}  // namespace accord
