#pragma once
// A std::vector indexed by a strong id (strong_id.hpp): per-node, per-edge, per-arc arrays whose
// subscript must be an id of the right kind. It is the vector itself (no copy, no extra field);
// begin()/end() are pointers, so it converts to std::span and works with the algorithms. IdSpan
// is the matching view.

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace muster {

/// A view of contiguous items indexed by a strong id; T may be const. As cheap as std::span.
template <class Id, class T>
class IdSpan {
  public:
    IdSpan() = default;
    constexpr IdSpan(T* data, std::size_t size) : m_data(data), m_size(size) {}
    constexpr T& operator[](Id id) const { return m_data[id.value()]; }
    constexpr std::size_t size() const { return m_size; }
    constexpr T* data() const { return m_data; }
    constexpr T* begin() const { return m_data; }
    constexpr T* end() const { return m_data + m_size; }

  private:
    T* m_data = nullptr;
    std::size_t m_size = 0;
};

template <class Id, class T>
class IdVector {
  public:
    using value_type = T;
    using size_type = std::size_t;

    IdVector() = default;
    explicit IdVector(std::size_t count) : m_items(count) {}
    IdVector(std::size_t count, const T& value) : m_items(count, value) {}
    IdVector(std::initializer_list<T> items) : m_items(items) {}
    /// Takes the items in id order.
    explicit IdVector(std::vector<T> items) : m_items(std::move(items)) {}

    T& operator[](Id id) { return m_items[id.value()]; }
    const T& operator[](Id id) const { return m_items[id.value()]; }

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    std::size_t capacity() const { return m_items.capacity(); }
    T* data() { return m_items.data(); }
    const T* data() const { return m_items.data(); }
    T* begin() { return m_items.data(); }
    T* end() { return m_items.data() + m_items.size(); }
    const T* begin() const { return m_items.data(); }
    const T* end() const { return m_items.data() + m_items.size(); }
    T& front() { return m_items.front(); }
    const T& front() const { return m_items.front(); }
    T& back() { return m_items.back(); }
    const T& back() const { return m_items.back(); }

    void reserve(std::size_t count) { m_items.reserve(count); }
    void resize(std::size_t count) { m_items.resize(count); }
    void resize(std::size_t count, const T& value) { m_items.resize(count, value); }
    void assign(std::size_t count, const T& value) { m_items.assign(count, value); }
    template <class It>
    void assign(It first, It last) {
        m_items.assign(first, last);
    }
    void clear() { m_items.clear(); }
    void push_back(const T& item) { m_items.push_back(item); }
    void pop_back() { m_items.pop_back(); }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        return m_items.emplace_back(std::forward<Args>(args)...);
    }

    /// A view indexed by id (hoists the data pointer out of a hot loop).
    IdSpan<Id, const T> span() const { return {m_items.data(), m_items.size()}; }
    IdSpan<Id, T> span() { return {m_items.data(), m_items.size()}; }

    /// The items in id order, as a plain vector (for storage and bulk moves).
    const std::vector<T>& items() const { return m_items; }

    friend bool operator==(const IdVector&, const IdVector&) = default;

  private:
    std::vector<T> m_items;
};

}  // namespace muster
