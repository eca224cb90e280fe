// engine/cow_array: copies share chunks until one of them writes; a write copies only its own
// chunk, and no other array sees it; chunks nobody holds go back to the pool and are reused;
// many threads may read a copy while its source is written.

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <numeric>
#include <span>
#include <thread>
#include <vector>

#include "engine/cow_array.hpp"
#include "engine/road_network.hpp"

using namespace muster;

namespace {

using Array = CowArray<EdgeId, std::uint32_t>;
constexpr std::size_t kChunk = Array::kChunkSize;  // 4096

// 0, 1, 2, ...: every item tells where it is.
Array counting(std::size_t size) {
    std::vector<std::uint32_t> values(size);
    std::iota(values.begin(), values.end(), 0u);
    return Array(std::span<const std::uint32_t>(values));
}

EdgeId at(std::size_t i) {
    return EdgeId(static_cast<std::uint32_t>(i));
}

// Where item i of `array` lies.
const std::uint32_t* address(const Array& array, std::size_t i) {
    return &array[at(i)];
}

}  // namespace

TEST_CASE("a copy of a cow array shares its chunks until it writes one") {
    // Three chunks and a part: 3 * 4096 + 10 items.
    const std::size_t size = 3 * kChunk + 10;
    Array original = counting(size);
    REQUIRE(original.chunk_count() == 4);
    CHECK(original.own_chunks() == 4);
    CHECK(original[at(size - 1)] == size - 1);

    Array copy = original;
    CHECK(copy.own_chunks() == 0);
    CHECK(original.own_chunks() == 0);

    // Two writes into chunk 1 and one into the last: those two chunks become the copy's.
    copy.set(at(kChunk), 7);
    copy[at(2 * kChunk - 1)] = 8;
    copy.set(at(3 * kChunk + 9), 9);
    CHECK(copy.own_chunks() == 2);
    CHECK(original.own_chunks() == 2);  // chunks 1 and 3 are its own again
    CHECK(copy[at(kChunk)] == 7);
    CHECK(copy[at(2 * kChunk - 1)] == 8);
    CHECK(copy[at(3 * kChunk + 9)] == 9);
    // The rest of the written chunk came along, and the original did not change.
    CHECK(copy[at(kChunk + 1)] == kChunk + 1);
    CHECK(original[at(kChunk)] == kChunk);
    CHECK(original[at(3 * kChunk + 9)] == 3 * kChunk + 9);
    CHECK(copy.values()[0] == 0);
    CHECK(!(copy == original));
    copy.set(at(kChunk), static_cast<std::uint32_t>(kChunk));
    copy.set(at(2 * kChunk - 1), static_cast<std::uint32_t>(2 * kChunk - 1));
    copy.set(at(3 * kChunk + 9), static_cast<std::uint32_t>(3 * kChunk + 9));
    CHECK(copy == original);
    CHECK(copy.own_chunks() == 2);  // written back, but still its own copies

    // A write to a chunk the array holds alone writes in place.
    original.set(at(5), 55);
    CHECK(original[at(5)] == 55);
    CHECK(copy[at(5)] == 5);
    CHECK(original.own_chunks() == 3);
}

TEST_CASE("a cow array's released chunks are reused by the next write") {
    const std::size_t size = 2 * kChunk;
    Array base = counting(size);
    const std::uint32_t* first_copy = nullptr;
    {
        Array copy = base;
        copy.set(at(0), 100);
        first_copy = address(copy, 0);
        CHECK(first_copy != address(base, 0));
    }  // the copy and its chunk 0 go
    CHECK(base.own_chunks() == 2);
    Array again = base;
    again.set(at(1), 200);
    // The chunk the first copy wrote to is the one the pool hands out again.
    CHECK(address(again, 0) == first_copy);
    CHECK(again[at(0)] == 0);
    CHECK(again[at(1)] == 200);
    CHECK(base[at(1)] == 1);
}

TEST_CASE("a cow array's fresh items are one writable run, a shared one's are not") {
    Array fresh(kChunk + 1, 3);
    REQUIRE(fresh.whole().size() == kChunk + 1);
    fresh.whole()[kChunk] = 4;
    CHECK(fresh[at(kChunk)] == 4);
    Array copy = fresh;
    CHECK(fresh.whole().empty());
    CHECK(copy.whole().empty());
    copy.set(at(0), 1);  // chunk 0 now lies elsewhere
    CHECK(copy.whole().empty());
    // The view's run ends at its chunk's end, or at the array's.
    const auto view = fresh.view();
    CHECK(view.run(at(10)).size() == kChunk - 10);
    CHECK(view.run(at(kChunk)).size() == 1);
    CHECK(view.run(at(kChunk))[0] == 4);
}

TEST_CASE("threads read a cow array's copy while its source is written") {
    const std::size_t size = 16 * kChunk;
    Array source = counting(size);
    const Array snapshot = source;  // what the readers hold
    std::atomic<bool> wrong = false;
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            for (int round = 0; round < 20; ++round) {
                for (std::size_t i = 0; i < size; i += 7) {
                    if (snapshot[at(i)] != i)
                        wrong = true;
                }
            }
        });
    }
    for (std::size_t i = 0; i < size; i += 3)
        source.set(at(i), 0xFFFF'FFFFu);
    for (std::thread& t : readers)
        t.join();
    CHECK(!wrong);
    CHECK(source.own_chunks() == 16);
    CHECK(source[at(3)] == 0xFFFF'FFFFu);
    CHECK(source[at(4)] == 4);
}
