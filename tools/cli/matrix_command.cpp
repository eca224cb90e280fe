// `muster matrix DB --sources SET --targets SET` and the shared routing options.

#include <iostream>

#include "tools/app/matrix_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/routing_json.hpp"
#include "tools/present/routing_layers.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct MatrixCliOptions {
    RoutingCliOptions routing;
    std::string sources;
    std::string targets;
};

void print_table(const MatrixAnswer& answer, const RoutingSession& session, std::ostream& out) {
    const TravelMatrix& m = answer.matrix;
    out << with_commas(m.sources) << " sources x " << with_commas(m.targets) << " targets, "
        << std::string(to_string(session.graph().network().profile())) << " network, "
        << hazard_summary(session.hazards()) << "\n\n";
    TextTable table({"source", "target", "minutes", "km", "duration_s", "distance_m"});
    for (std::size_t s = 0; s < m.sources; ++s) {
        for (std::size_t t = 0; t < m.targets; ++t) {
            const auto duration = m.duration(s, t);
            const auto distance = m.distance(s, t);
            if (duration && distance) {
                table.add({answer.sources[s].id, answer.targets[t].id, fixed(*duration / 60, 1),
                           fixed(*distance / 1000, 2), fixed(*duration, 1), fixed(*distance, 0)});
            } else {
                table.add({answer.sources[s].id, answer.targets[t].id, "unreachable", "", "", ""});
            }
        }
    }
    table.print(out);
}

void run_matrix(const MatrixCliOptions& options) {
    const CoordinateSystem system = coordinate_system(options.routing);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const MatrixQuery query{
        resolve_point_set(options.sources, context.resources, "--sources", system),
        resolve_point_set(options.targets, context.resources, "--targets", system)};
    Searches searches(context.graph);
    const MatrixAnswer answer = answer_matrix(context, query, searches);
    emit(options.routing, *session,
         {[&] { return matrix_json(answer, system); },
          [&] { return std::vector<FeatureTable>{matrix_layer(answer, system)}; },
          [&](std::ostream& out) { print_table(answer, *session, out); }});
}

}  // namespace

void add_matrix_command(CLI::App& app) {
    auto options = std::make_shared<MatrixCliOptions>();
    auto* cmd = app.add_subcommand("matrix",
                                   "travel times and distances from every source to every target");
    add_routing_options(*cmd, options->routing);
    add_coordinates_option(*cmd, options->routing);
    const char* help =
        "points: teams, hospitals, shelters, depots or townships (the database's), "
        "LON,LAT;LON,LAT;... or a point "
        "layer PATH[:LAYER][?WHERE] of any GDAL format";
    cmd->add_option("--sources", options->sources, help)->required();
    cmd->add_option("--targets", options->targets, help)->required();
    cmd->callback([options] { run_matrix(*options); });
}

}  // namespace muster::tools
