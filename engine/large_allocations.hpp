#pragma once
// Transparent huge pages for a province's arrays. Every program that links the engine allocates
// through large_allocations.cpp's `operator new`: one of kHugePageAllocationBytes or more (a
// network's, a hierarchy's or a metric's array, the roads' cells) asks the kernel to back it with
// 2 MB pages, faulted in 512 times fewer steps than 4 kB ones. Nothing else changes: the kernel
// decides, and with transparent huge pages turned off the memory is as before.

#include <cstddef>

namespace muster {

/// The size from which `new` asks for huge pages: glibc's largest threshold for giving an
/// allocation a mapping of its own (32 MB on 64-bit), so that no page of it is touched yet.
inline constexpr std::size_t kHugePageAllocationBytes = std::size_t{32} << 20;

/// Asks the kernel (madvise MADV_HUGEPAGE) to back the 2 MB pages that lie whole within
/// [data, data + bytes) with transparent huge pages. A kernel without them refuses; that is
/// ignored.
void advise_huge_pages(void* data, std::size_t bytes);

}  // namespace muster
