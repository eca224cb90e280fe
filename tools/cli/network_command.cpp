// `muster network DB --out FILE [--profile drive|walk]`: the routable network as a layer, one row
// per directed edge, node ids as the engine numbers them (what the pgRouting comparison loads).

#include <iostream>

#include "engine/path_geometry.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/routing_loader.hpp"
#include "tools/app/query_params.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/layer_output.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/geojson.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct NetworkCliOptions {
    std::string database;
    std::string out;
    std::string profile = "drive";
};

/// One line per directed edge along its piece, in the edge's direction: edge, source, target,
/// length_m, duration_s, road_class. The names and exact units (millimetres, milliseconds) are
/// what pgRouting's edge tables take (bench/pgrouting): docs/outputs.md lists this exception.
FeatureTable network_layer(const RoadNetwork& network) {
    FeatureTable table{"network_" + std::string(to_string(network.profile())),
                       GeometryType::line_string,
                       {{"edge", FieldType::integer},
                        {"source", FieldType::integer},
                        {"target", FieldType::integer},
                        {"length_m", FieldType::real},
                        {"duration_s", FieldType::real},
                        {"road_class", FieldType::text}},
                       {}};
    table.rows.reserve(network.edge_count());
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            FeatureRow row;
            // Millimetres and milliseconds: three decimals say them exactly.
            row.values = {std::int64_t{e.value()},
                          std::int64_t{u.value()},
                          std::int64_t{network.head(e).value()},
                          rounded(network.length_m(e), 3),
                          rounded(network.duration_s(e), 3),
                          network.road_class(e)};
            std::vector<LonLat> line;
            append_edge_geometry(network, e, 0.0, 1.0, line);
            row.geometry = std::move(line);
            table.rows.push_back(std::move(row));
        }
    }
    return table;
}

void run_network(const NetworkCliOptions& options) {
    check_output(options.out, options.database);
    const Profile profile = parse_profile(options.profile, "--profile");
    const RoadNetwork network = load_network(ResourceDb::open_existing(options.database), profile);
    const std::string written = write_layers(options.out, {network_layer(network)}).front();
    std::cout << "wrote " << with_commas(network.edge_count()) << " edges ("
              << with_commas(network.node_count()) << " nodes) of the " << to_string(profile)
              << " network to " << written << '\n';
}

}  // namespace

void add_network_command(CLI::App& app) {
    auto options = std::make_shared<NetworkCliOptions>();
    auto* cmd = app.add_subcommand(
        "network", "write the routable network as a GIS layer, one row per directed edge");
    cmd->add_option("database", options->database, kDatabaseHelp)->required();
    cmd->add_option("--out", options->out, "FILE.gpkg[:LAYER], .shp, .geojson, .csv (WKT), ...")
        ->required();
    cmd->add_option("--profile", options->profile, "drive (default) or walk")
        ->check(CLI::IsMember({"drive", "walk"}));
    cmd->callback([options] { run_network(*options); });
}

}  // namespace muster::tools
