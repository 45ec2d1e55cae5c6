// Where this machine's caches end (docs/performance.md "### Source ranges"; lscpu shows no cache
// sizes on this virtual machine): over arrays of 0.25 to 64 MiB on 2 MiB pages, a pointer chase
// through random cache lines (the latency of one read) and independent random reads asked 16 ahead
// as the round asks for its sources (the cost of a gather), in CPU time of this thread. Own code: a
// dozen lines no library offers.
//   build/bench/cache_latency
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include "accord/huge_pages.hpp"

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main() {
    std::mt19937_64 rng(1);
    std::printf("MiB  chase_ns  gather_ns\n");
    for (const double mib : {0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 8.0, 16.0, 32.0, 64.0}) {
        constexpr std::size_t huge_page = std::size_t{2} << 20;
        const auto bytes = static_cast<std::size_t>(mib * (1 << 20));
        const std::size_t lines = bytes / 64, rounded = (bytes + huge_page - 1) / huge_page * huge_page;
        auto* memory = static_cast<std::uint64_t*>(std::aligned_alloc(huge_page, rounded));
        if (memory == nullptr) return 1;
        accord::detail::advise_huge_pages(memory, rounded);
        // The chase: each line holds the number of the next in one random cycle through all lines.
        std::vector<std::uint32_t> order(lines);
        for (std::size_t i = 0; i < lines; ++i) order[i] = static_cast<std::uint32_t>(i);
        std::shuffle(order.begin(), order.end(), rng);
        for (std::size_t i = 0; i < lines; ++i) memory[order[i] * 8] = order[(i + 1) % lines];
        std::uint64_t at = order[0];
        constexpr std::size_t chases = 3000000;
        const double c0 = cpu_seconds();
        for (std::size_t c = 0; c < chases; ++c) at = memory[at * 8];
        const double c1 = cpu_seconds();
        // The gathers: random lines, each asked for 16 reads ahead.
        constexpr std::size_t mask = (std::size_t{1} << 22) - 1, gathers = 20000000;
        std::vector<std::uint32_t> line(mask + 1);
        for (auto& l : line) l = static_cast<std::uint32_t>(rng() % lines);
        std::uint64_t sum = 0;
        const double g0 = cpu_seconds();
        for (std::size_t g = 0; g < gathers; ++g) {
            __builtin_prefetch(&memory[line[(g + 16) & mask] * 8]);
            sum += memory[line[g & mask] * 8];
        }
        const double g1 = cpu_seconds();
        std::printf("%5.2f  %6.1f  %5.2f  (%llu %llu)\n", mib, (c1 - c0) * 1e9 / chases, (g1 - g0) * 1e9 / gathers,
                    static_cast<unsigned long long>(at), static_cast<unsigned long long>(sum));
        std::free(memory);
    }
}
