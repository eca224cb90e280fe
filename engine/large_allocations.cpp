// The engine's `operator new` (engine/large_allocations.hpp): malloc, as the default one, and
// huge pages asked for an allocation of kHugePageAllocationBytes or more. It replaces the
// standard library's in every program linking the engine, because each of them calls `new` and
// the linker takes it from the engine's archive before the standard library.
//
// Why: a 10⁷-node province's arrays take 3.9 GB. On this project's machine (a virtual machine,
// where a page fault is dear) its service started in 30.5 s with 4 kB pages, most of it page
// faults; in 20.6 s with this `new`; in 15.7 s with glibc's own huge pages for every allocation
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), small ones too. The resident size stayed the same
// (docs/routing.md).
//
// Not under AddressSanitizer, whose own `new` tells memory from `new` and from malloc apart.

#include "engine/large_allocations.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace muster {

void advise_huge_pages(void* data, std::size_t bytes) {
    constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
    const std::uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace muster

#ifndef __SANITIZE_ADDRESS__
void* operator new(std::size_t bytes) {
    for (;;) {
        if (void* data = std::malloc(bytes == 0 ? 1 : bytes)) {
            if (bytes >= muster::kHugePageAllocationBytes)
                muster::advise_huge_pages(data, bytes);
            return data;
        }
        const std::new_handler handler = std::get_new_handler();
        if (handler == nullptr)
            throw std::bad_alloc();
        handler();
    }
}
#endif
