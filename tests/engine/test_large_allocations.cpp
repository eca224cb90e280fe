// engine/large_allocations: the kernel's own account of the mappings (/proc/self/smaps, whose
// VmFlags lists "hg" for memory advised MADV_HUGEPAGE) says which allocations asked for huge
// pages. The standard library's `new` asks for none, so the first case fails without the engine's;
// the second checks which part of a range the advice covers.

#include <catch2/catch.hpp>

#include <sys/mman.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "engine/large_allocations.hpp"

using namespace muster;

namespace {

// The VmFlags of the mapping holding `address`, or nothing if none holds it.
std::optional<std::string> mapping_flags(const void* address) {
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        std::uintptr_t start = 0, end = 0;
        char dash = 0;
        std::istringstream header(line);
        if (header >> std::hex >> start >> dash >> end && dash == '-' &&
            line.find(':') > line.find(' ')) {
            inside = start <= at && at < end;
            continue;
        }
        if (inside && line.starts_with("VmFlags:"))
            return line.substr(8) + " ";
    }
    return std::nullopt;
}

bool kernel_has_huge_pages() {
    return std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled");
}

}  // namespace

TEST_CASE("engine/an allocation of 32 MB or more by new asks for huge pages, a smaller one not") {
#ifdef __SANITIZE_ADDRESS__
    WARN("AddressSanitizer's new is in use: nothing to check");
    return;
#endif
    if (!kernel_has_huge_pages()) {
        WARN("this kernel has no transparent huge pages: nothing to check");
        return;
    }
    // Default-initialized, so that no page is touched before the flags are read.
    const std::unique_ptr<char[]> large(new char[kHugePageAllocationBytes + (8 << 20)]);
    const std::unique_ptr<char[]> small(new char[std::size_t{1} << 20]);
    // A byte 4 MB in lies in a whole 2 MB page of the large one.
    const auto large_flags = mapping_flags(large.get() + (4 << 20));
    const auto small_flags = mapping_flags(small.get());
    REQUIRE(large_flags);
    REQUIRE(small_flags);
    CHECK(large_flags->find(" hg ") != std::string::npos);
    CHECK(small_flags->find(" hg ") == std::string::npos);
}

TEST_CASE("engine/huge pages are asked for only the 2 MB pages lying whole in a range") {
    if (!kernel_has_huge_pages()) {
        WARN("this kernel has no transparent huge pages: nothing to check");
        return;
    }
    // A fresh 16 MB mapping; the range advised runs from one byte into its first whole 2 MB page
    // to the end of the next page, so only that next page lies whole in it.
    constexpr std::size_t kMapped = std::size_t{16} << 20, kTwoMb = std::size_t{2} << 20;
    void* mapped =
        ::mmap(nullptr, kMapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mapped != MAP_FAILED);
    auto* bytes = static_cast<char*>(mapped);
    const auto base = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t first = (base + kTwoMb - 1) & ~(kTwoMb - 1), second = first + kTwoMb;
    const auto at = [&](std::uintptr_t address) { return bytes + (address - base); };
    advise_huge_pages(at(first + 1), second + kTwoMb - (first + 1));
    const auto first_flags = mapping_flags(at(first));
    const auto second_flags = mapping_flags(at(second));
    const auto after_flags = mapping_flags(at(second + kTwoMb));
    ::munmap(mapped, kMapped);
    REQUIRE(first_flags);
    REQUIRE(second_flags);
    REQUIRE(after_flags);
    CHECK(first_flags->find(" hg ") == std::string::npos);
    CHECK(second_flags->find(" hg ") != std::string::npos);
    CHECK(after_flags->find(" hg ") == std::string::npos);
}
