#pragma once
// Strong ids: a node id, an edge id and a piece id are all 32-bit integers, but passing one where
// another is meant is a bug, so each is its own type (OSRM include/util/alias.hpp). A StrongId is
// exactly its integer in memory (trivially copyable, same size), constructed from it only
// explicitly and read back with value() to index a plain array; IdVector (id_vector.hpp) indexes
// by the id itself.
//
// Arithmetic is what ids need and no more: step to the next or previous id (++, --, id + k) and
// count the ids between two (b - a). Two ids do not add, and ids of different kinds do not mix.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <iterator>
#include <type_traits>

namespace muster {

template <class Tag, class Rep = std::uint32_t>
class StrongId {
  public:
    using rep_type = Rep;

    /// Uninitialised, as a plain integer would be (value-initialised: zero).
    StrongId() = default;
    constexpr explicit StrongId(Rep value) : m_value(value) {}

    /// The integer, e.g. to index an array or to print.
    constexpr Rep value() const { return m_value; }

    friend constexpr bool operator==(StrongId, StrongId) = default;
    friend constexpr auto operator<=>(StrongId, StrongId) = default;

    constexpr StrongId& operator++() {
        ++m_value;
        return *this;
    }
    constexpr StrongId operator++(int) { return StrongId(m_value++); }
    constexpr StrongId& operator--() {
        --m_value;
        return *this;
    }
    constexpr StrongId operator--(int) { return StrongId(m_value--); }
    /// The id `offset` places further on.
    friend constexpr StrongId operator+(StrongId id, Rep offset) {
        return StrongId(id.m_value + offset);
    }
    /// The number of ids from `from` up to (not including) `to`.
    friend constexpr Rep operator-(StrongId to, StrongId from) { return to.m_value - from.m_value; }

    template <class Char, class Traits>
    friend std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& out,
                                                        StrongId id) {
        return out << id.m_value;
    }

  private:
    Rep m_value;
};

/// The ids [first, last), for range-for over a node's out-edges or every node.
template <class Id>
class IdRange {
  public:
    class iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Id;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Id;
        iterator() = default;
        constexpr explicit iterator(Id id) : m_id(id) {}
        constexpr Id operator*() const { return m_id; }
        constexpr iterator& operator++() {
            ++m_id;
            return *this;
        }
        constexpr iterator operator++(int) { return iterator(m_id++); }
        friend constexpr bool operator==(iterator, iterator) = default;

      private:
        Id m_id{};
    };

    constexpr IdRange(Id first, Id last) : m_first(first), m_last(last) {}
    constexpr iterator begin() const { return iterator(m_first); }
    constexpr iterator end() const { return iterator(m_last); }
    constexpr typename Id::rep_type size() const { return m_last - m_first; }
    constexpr bool empty() const { return m_first == m_last; }

  private:
    Id m_first;
    Id m_last;
};

/// The first `count` ids: Id(0) .. Id(count - 1).
template <class Id>
constexpr IdRange<Id> first_ids(std::size_t count) {
    return {Id(0), Id(static_cast<typename Id::rep_type>(count))};
}

}  // namespace muster

template <class Tag, class Rep>
struct std::hash<muster::StrongId<Tag, Rep>> {
    std::size_t operator()(muster::StrongId<Tag, Rep> id) const noexcept {
        return std::hash<Rep>{}(id.value());
    }
};
