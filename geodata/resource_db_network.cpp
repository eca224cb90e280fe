// The stored networks (geodata/resource_db.hpp): a row of counts per profile in `network`, and
// each CSR array as little-endian bytes in numbered parts in `network_array`. SQLite and
// PostgreSQL hold at most 1 GB in one value; a province's arrays pass that, so none is stored
// whole.

#include <algorithm>
#include <bit>
#include <cstring>
#include <sstream>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"

namespace muster {
namespace {

using detail::Statement;

static_assert(std::endian::native == std::endian::little,
              "network arrays are stored little-endian");

/// A stored array's bytes and the size of its elements (a part never splits one).
struct ArrayBytes {
    const char* name;
    std::span<const unsigned char> bytes;
    std::size_t element;
};

template <class T>
ArrayBytes array_bytes(const char* name, std::span<const T> values) {
    return {name,
            {reinterpret_cast<const unsigned char*>(values.data()), values.size_bytes()},
            sizeof(T)};
}

// The arrays as format 5 kept them, a column each of `network`, with their element sizes.
constexpr std::pair<const char*, std::size_t> kFormat5Columns[] = {
    {"first_out", 4},
    {"head", 4},
    {"length_mm", 4},
    {"duration_ms", 4},
    {"road_class", 1},
    {"edge_piece", 4},
    {"node_coordinate", sizeof(Coordinate)},
    {"piece_first_point", 4},
    {"piece_points", sizeof(Coordinate)},
    {"cch_order", 4},
};

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

}  // namespace

void ResourceDb::store_network_arrays_in_parts_of(std::size_t bytes) {
    if (bytes == 0)
        throw ContractError("a network array's parts must hold at least one byte");
    m_network_part_bytes = bytes;
}

void ResourceDb::replace_network(const RoadNetwork& network, std::span<const NodeId> cch_order) {
    if (cch_order.size() != network.node_count()) {
        throw ContractError("a network's CCH order must list each of its nodes once");
    }
    const std::string profile(to_string(network.profile()));
    const auto& a = network.arrays();
    for (const char* table : {"network_array", "network"}) {
        Statement erase(m_db, std::string("DELETE FROM ") + table + " WHERE profile = ?");
        erase.bind(1, profile).run();
    }
    Statement insert(m_db,
                     "INSERT INTO network (profile, nodes, edges, pieces, class_names) "
                     "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, profile);
    insert.bind(2, static_cast<std::int64_t>(network.node_count()));
    insert.bind(3, static_cast<std::int64_t>(network.edge_count()));
    insert.bind(4, static_cast<std::int64_t>(network.piece_count()));
    insert.bind(5, joined_lines(a.class_names));
    insert.run();
    for (const ArrayBytes& array : {
             array_bytes("first_out", std::span(a.first_out)),
             array_bytes("head", std::span(a.head)),
             array_bytes("length_mm", std::span(a.length_mm)),
             array_bytes("duration_ms", std::span(a.duration_ms)),
             array_bytes("road_class", std::span(a.road_class)),
             array_bytes("edge_piece", std::span(a.edge_piece)),
             array_bytes("node_coordinate", std::span(a.node_coordinate)),
             array_bytes("piece_first_point", std::span(a.piece_first_point)),
             array_bytes("piece_points", std::span(a.piece_points)),
             array_bytes("cch_order", cch_order),
         }) {
        write_network_array(profile, array.name, array.bytes, array.element);
    }
}

void ResourceDb::write_network_array(const std::string& profile, const char* name,
                                     std::span<const unsigned char> bytes, std::size_t element) {
    const std::size_t part_bytes = std::max(element, m_network_part_bytes / element * element);
    Statement insert(m_db,
                     "INSERT INTO network_array (profile, name, part, data) VALUES (?, ?, ?, ?)");
    // An empty array is one empty part, so that a missing array is told from an empty one; the
    // pointer is not null, or SQLite would store NULL.
    static constexpr unsigned char kNoBytes = 0;
    std::int64_t part = 0;
    std::size_t at = 0;
    do {
        const std::size_t size = std::min(part_bytes, bytes.size() - at);
        const auto data = size ? bytes.subspan(at, size) : std::span(&kNoBytes, 0);
        insert.bind(1, profile).bind(2, std::string(name)).bind(3, part++).bind(4, data).run();
        at += size;
    } while (at < bytes.size());
}

template <class T>
std::vector<T> ResourceDb::read_network_array(const std::string& profile, const char* name) const {
    const std::string array =
        path() + ": the stored " + profile + " network's array '" + name + "'";
    std::size_t total = 0;
    {
        // length() reads a blob's size without its bytes, so the array is allocated once.
        Statement size(m_db,
                       "SELECT count(*), coalesce(sum(length(data)), 0) FROM network_array "
                       "WHERE profile = ? AND name = ?");
        size.bind(1, profile).bind(2, std::string(name));
        size.step();
        if (size.integer(0) == 0)
            throw DataError(array + " is missing");
        total = static_cast<std::size_t>(size.integer(1));
    }
    if (total % sizeof(T) != 0)
        throw DataError(array + " has a partial element");
    std::vector<T> values(total / sizeof(T));
    Statement parts(m_db,
                    "SELECT part, data FROM network_array WHERE profile = ? AND name = ? "
                    "ORDER BY part");
    parts.bind(1, profile).bind(2, std::string(name));
    std::size_t at = 0;
    for (std::int64_t expected = 0; parts.step(); ++expected) {
        if (parts.integer(0) != expected) {
            throw DataError(array + " lacks part " + std::to_string(expected));
        }
        const auto bytes = parts.blob(1);
        if (bytes.size() % sizeof(T) != 0)
            throw DataError(array + " has a partial element in part " + std::to_string(expected));
        if (!bytes.empty())
            std::memcpy(reinterpret_cast<unsigned char*>(values.data()) + at, bytes.data(),
                        bytes.size());
        at += bytes.size();
    }
    return values;
}

std::optional<RoadNetwork> ResourceDb::network(Profile profile) const {
    const std::string name(to_string(profile));
    Statement select(m_db, "SELECT class_names FROM network WHERE profile = ?");
    select.bind(1, name);
    if (!select.step())
        return std::nullopt;
    RoadNetworkArrays a;
    a.profile = profile;
    a.class_names = split_lines(std::string(select.text(0)));
    a.first_out = IdVector<NodeId, EdgeId>(read_network_array<EdgeId>(name, "first_out"));
    a.head = IdVector<EdgeId, NodeId>(read_network_array<NodeId>(name, "head"));
    a.length_mm =
        IdVector<EdgeId, std::uint32_t>(read_network_array<std::uint32_t>(name, "length_mm"));
    a.duration_ms =
        IdVector<EdgeId, std::uint32_t>(read_network_array<std::uint32_t>(name, "duration_ms"));
    a.road_class =
        IdVector<EdgeId, std::uint8_t>(read_network_array<std::uint8_t>(name, "road_class"));
    a.edge_piece =
        IdVector<EdgeId, std::uint32_t>(read_network_array<std::uint32_t>(name, "edge_piece"));
    a.node_coordinate =
        IdVector<NodeId, Coordinate>(read_network_array<Coordinate>(name, "node_coordinate"));
    a.piece_first_point = IdVector<PieceId, std::uint32_t>(
        read_network_array<std::uint32_t>(name, "piece_first_point"));
    a.piece_points = read_network_array<Coordinate>(name, "piece_points");
    return RoadNetwork(std::move(a));
}

std::vector<NodeId> ResourceDb::cch_order(Profile profile) const {
    const std::string name(to_string(profile));
    Statement select(m_db, "SELECT 1 FROM network WHERE profile = ?");
    select.bind(1, name);
    if (!select.step())
        return {};
    return read_network_array<NodeId>(name, "cch_order");
}

void ResourceDb::split_network_arrays_from_5() {
    std::vector<std::string> profiles;
    {
        Statement select(m_db, "SELECT profile FROM network ORDER BY profile");
        while (select.step())
            profiles.emplace_back(select.text(0));
    }
    for (const auto& [column, element] : kFormat5Columns) {
        for (const std::string& profile : profiles) {
            Statement select(m_db,
                             std::string("SELECT ") + column + " FROM network WHERE profile = ?");
            select.bind(1, profile);
            select.step();
            write_network_array(profile, column, select.blob(0), element);
        }
        m_db.exec(std::string("ALTER TABLE network DROP COLUMN ") + column);
    }
}

}  // namespace muster
