// A buffer of doubles that asks the kernel for 2 MiB pages (madvise MADV_HUGEPAGE) once it spans
// more than one: the round gathers sources' positions from anywhere in a big network's buffer, and
// with 4 KiB pages nearly every such read also misses the TLB. Own code: neither the standard
// library nor Debian's Boost has an allocator that calls madvise.
#pragma once

#include <cstddef>
#include <memory>

namespace accord {

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
