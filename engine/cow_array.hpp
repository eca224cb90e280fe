#pragma once
// An array indexed by a strong id whose copies share its memory, chunk by chunk, until one of
// them writes. A hazard scenario's metric and customized hierarchy are the last scenario's with
// the values near one zone changed: a copy then costs a table of chunks, and a change the chunks
// it writes, where whole arrays (78 bytes a node on a province) would be copied or kept spare.
//
// Chunks hold kChunkSize items. The array's first values lie in one allocation, chunk after
// chunk, as a plain array's would (large ones in huge pages, engine/large_allocations.hpp);
// chunks copied on a write come from blocks of a pool the array and its copies share, and a
// chunk no array holds any more goes back to the pool for the next write. Reading an item costs
// one more load than a plain array: its chunk's address, from a table of a few thousand.
//
// Thread safety: an array may be read from many threads, and copied, written or destroyed by
// one at a time, while copies of it are read, written or destroyed by others: chunks are counted
// atomically, and a chunk is written only by the one array that holds it.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace muster {

/// A read-only view of a CowArray for a hot loop: its chunk table, hoisted.
template <class Id, class T>
class CowView {
  public:
    static constexpr unsigned kShift = 12;
    static constexpr std::uint32_t kMask = (1u << kShift) - 1;

    CowView() = default;
    CowView(const T* const* chunks, std::size_t size) : m_chunks(chunks), m_size(size) {}
    const T& operator[](Id id) const { return m_chunks[id.value() >> kShift][id.value() & kMask]; }
    std::size_t size() const { return m_size; }
    /// Where item `id` lies, and how many items from it on lie beside it in its chunk.
    std::span<const T> run(Id id) const {
        const std::size_t in_chunk = id.value() & kMask;
        const std::size_t left = std::min<std::size_t>(kMask + 1 - in_chunk, m_size - id.value());
        return {m_chunks[id.value() >> kShift] + in_chunk, left};
    }

  private:
    const T* const* m_chunks = nullptr;
    std::size_t m_size = 0;
};

template <class Id, class T>
class CowArray {
    static_assert(std::is_trivially_copyable_v<T>);

  public:
    static constexpr unsigned kShift = CowView<Id, T>::kShift;
    static constexpr std::size_t kChunkSize = std::size_t{1} << kShift;

    CowArray() = default;
    CowArray(std::size_t size, const T& value) : m_size(size) {
        T* data = fresh(size);
        std::fill_n(data, size, value);
    }
    /// Takes a copy of `values`, in id order.
    explicit CowArray(std::span<const T> values) : m_size(values.size()) {
        std::copy(values.begin(), values.end(), fresh(values.size()));
    }

    /// Shares every chunk of `other`: O(size / kChunkSize).
    CowArray(const CowArray& other)
        : m_size(other.m_size),
          m_chunks(other.m_chunks),
          m_counts(other.m_counts),
          m_pool(other.m_pool) {
        for (std::atomic<std::uint32_t>* count : m_counts)
            count->fetch_add(1, std::memory_order_relaxed);
    }
    CowArray(CowArray&& other) noexcept { swap(other); }
    CowArray& operator=(CowArray other) noexcept {
        swap(other);
        return *this;
    }
    ~CowArray() { release_all(); }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const T& operator[](Id id) const { return view()[id]; }
    CowView<Id, T> view() const { return {m_chunks.data(), m_size}; }

    /// Item `id` to assign to (`a[id] = value` is set(id, value)) or read.
    class Item {
      public:
        Item(CowArray& array, Id id) : m_array(array), m_id(id) {}
        Item& operator=(const T& value) {
            m_array.set(m_id, value);
            return *this;
        }
        operator T() const { return std::as_const(m_array)[m_id]; }

      private:
        CowArray& m_array;
        Id m_id;
    };
    Item operator[](Id id) { return {*this, id}; }

    /// Sets item `id`, first copying its chunk if another array shares it. O(kChunkSize) then,
    /// O(1) otherwise.
    void set(Id id, const T& value) {
        const std::size_t c = id.value() >> kShift;
        if (m_counts[c]->load(std::memory_order_acquire) != 1)  // the others' reads are done
            own(c);
        m_chunks[c][id.value() & CowView<Id, T>::kMask] = value;
    }

    /// The items as one writable run, if they still lie where the array was made, chunk after
    /// chunk, and no other array shares them (a fresh array, for a pass that writes them all);
    /// else empty. O(size / kChunkSize).
    std::span<T> whole() {
        for (std::size_t c = 0; c < m_chunks.size(); ++c) {
            if (m_chunks[c] != m_chunks[0] + c * kChunkSize ||
                m_counts[c]->load(std::memory_order_acquire) != 1)
                return {};
        }
        return {m_chunks.empty() ? nullptr : m_chunks[0], m_size};
    }

    /// The items in id order, as a plain vector.
    std::vector<T> values() const {
        std::vector<T> out(m_size);
        for (std::size_t i = 0; i < m_size; i += kChunkSize)
            std::memcpy(out.data() + i, m_chunks[i >> kShift],
                        std::min(kChunkSize, m_size - i) * sizeof(T));
        return out;
    }

    /// Chunks this array holds that no other does (written since it was copied), and all it
    /// holds.
    std::size_t own_chunks() const {
        return static_cast<std::size_t>(
            std::count_if(m_counts.begin(), m_counts.end(),
                          [](auto* c) { return c->load(std::memory_order_relaxed) == 1; }));
    }
    std::size_t chunk_count() const { return m_chunks.size(); }
    /// Bytes of the chunks it holds, shared or not, and its tables.
    std::size_t memory_bytes() const {
        return m_chunks.size() * (kChunkSize * sizeof(T) + sizeof(T*) + sizeof(void*));
    }

    friend bool operator==(const CowArray& a, const CowArray& b) {
        if (a.m_size != b.m_size)
            return false;
        for (std::size_t i = 0; i < a.m_size; i += kChunkSize) {
            const std::size_t n = std::min(kChunkSize, a.m_size - i);
            const T* x = a.m_chunks[i >> kShift];
            const T* y = b.m_chunks[i >> kShift];
            if (x != y && !std::equal(x, x + n, y))
                return false;
        }
        return true;
    }

  private:
    // The memory of an array and its copies: blocks of chunks, each chunk with its count of the
    // arrays holding it, and the chunks none holds.
    struct Pool {
        std::mutex mutex;
        std::vector<std::unique_ptr<T[]>> blocks;
        std::vector<std::unique_ptr<std::atomic<std::uint32_t>[]>> counts;
        std::vector<std::pair<T*, std::atomic<std::uint32_t>*>> free;
        std::size_t block_chunks = 1;  // chunks a block for copies holds

        // Adds a block of `chunks` chunks, each counted once, and returns its first chunk's
        // items and count.
        std::pair<T*, std::atomic<std::uint32_t>*> add_block(std::size_t chunks) {
            blocks.push_back(std::make_unique_for_overwrite<T[]>(chunks * kChunkSize));
            counts.push_back(std::make_unique<std::atomic<std::uint32_t>[]>(chunks));
            return {blocks.back().get(), counts.back().get()};
        }
    };

    // Allocates the array's own chunks for `size` items, in one block, and returns their items.
    T* fresh(std::size_t size) {
        const std::size_t chunks = (size + kChunkSize - 1) / kChunkSize;
        m_pool = std::make_shared<Pool>();
        // Blocks for copies: about 32 MB (huge pages), or the whole array if it is smaller.
        m_pool->block_chunks =
            std::clamp<std::size_t>((std::size_t{32} << 20) / (kChunkSize * sizeof(T)), 1,
                                    std::max<std::size_t>(chunks, 1));
        const auto [data, counts] = m_pool->add_block(chunks);
        m_chunks.resize(chunks);
        m_counts.resize(chunks);
        for (std::size_t c = 0; c < chunks; ++c) {
            m_chunks[c] = data + c * kChunkSize;
            m_counts[c] = counts + c;
            counts[c].store(1, std::memory_order_relaxed);
        }
        return data;
    }

    // Makes chunk c this array's own: a copy from the pool in place of the shared one.
    void own(std::size_t c) {
        std::pair<T*, std::atomic<std::uint32_t>*> chunk;
        {
            std::lock_guard lock(m_pool->mutex);
            if (m_pool->free.empty()) {
                const auto [data, counts] = m_pool->add_block(m_pool->block_chunks);
                for (std::size_t i = m_pool->block_chunks; i-- > 0;)
                    m_pool->free.emplace_back(data + i * kChunkSize, counts + i);
            }
            chunk = m_pool->free.back();
            m_pool->free.pop_back();
        }
        std::memcpy(chunk.first, m_chunks[c], kChunkSize * sizeof(T));
        chunk.second->store(1, std::memory_order_relaxed);
        release(m_chunks[c], m_counts[c]);
        m_chunks[c] = chunk.first;
        m_counts[c] = chunk.second;
    }

    void release(T* chunk, std::atomic<std::uint32_t>* count) {
        if (count->fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard lock(m_pool->mutex);
            m_pool->free.emplace_back(chunk, count);
        }
    }

    void release_all() {
        for (std::size_t c = 0; c < m_chunks.size(); ++c)
            release(m_chunks[c], m_counts[c]);
        m_chunks.clear();
        m_counts.clear();
    }

    void swap(CowArray& other) noexcept {
        std::swap(m_size, other.m_size);
        m_chunks.swap(other.m_chunks);
        m_counts.swap(other.m_counts);
        m_pool.swap(other.m_pool);
    }

    std::size_t m_size = 0;
    std::vector<T*> m_chunks;
    std::vector<std::atomic<std::uint32_t>*> m_counts;
    std::shared_ptr<Pool> m_pool;
};

}  // namespace muster
