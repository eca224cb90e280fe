// muster: disaster resource dispatch and shelter planning. Parses the command line, runs the
// subcommand, and turns every error into a message and an exit code:
//   0 success, 1 bad input (file, layer, feature, field), 2 bad usage, 3 corrupt data, 4 internal.

#include <CLI/CLI.hpp>

#include <iostream>

#include "engine/errors.hpp"
#include "tools/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"muster: disaster resource dispatch and shelter planning"};
    app.require_subcommand(1);
    muster::tools::add_import_command(app);
    muster::tools::add_info_command(app);
    muster::tools::add_nearest_command(app);
    muster::tools::add_route_command(app);
    muster::tools::add_matrix_command(app);
    muster::tools::add_isochrone_command(app);
    muster::tools::add_network_command(app);
    muster::tools::add_serve_command(app);
    muster::tools::add_coverage_command(app);
    muster::tools::add_allocate_command(app);
    muster::tools::add_mci_command(app);
    muster::tools::add_site_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "muster: " << e.what() << "\n(run muster --help)\n";
        return 2;
    } catch (const muster::InputError& e) {
        std::cerr << "muster: error: " << e.what() << '\n';
        return 1;
    } catch (const muster::DataError& e) {
        std::cerr << "muster: data error: " << e.what() << '\n';
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "muster: internal error: " << e.what() << '\n';
        return 4;
    }
    return 0;
}
