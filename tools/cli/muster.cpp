// muster: disaster resource dispatch and shelter planning. Parses the command line, runs the
// subcommand, and turns every error into a message and an exit code (kExitCodes, also printed
// by --help). Exit code 4 is kept for bugs: every error muster expects has its own class.

#include <CLI/CLI.hpp>

#include <iostream>

#include "engine/errors.hpp"
#include "tools/cli/commands.hpp"

namespace {

constexpr const char* kExitCodes = R"(exit codes:
  0  success
  1  bad input: a file, layer, feature, field or parameter (the message names which)
  2  bad usage: an unknown command or option, a missing argument
  3  corrupt database: a stored structure fails its checks
  4  internal error: a bug in muster (please report it with the command that caused it)
  5  cannot write: the resource database is read-only, cannot be created, or the disk is full)";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"muster: disaster resource dispatch and shelter planning"};
    app.require_subcommand(1);
    app.footer(kExitCodes);
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
    } catch (const muster::WriteError& e) {
        std::cerr << "muster: cannot write: " << e.what() << '\n';
        return 5;
    } catch (const std::exception& e) {
        std::cerr << "muster: internal error (a bug in muster; please report it): " << e.what()
                  << '\n';
        return 4;
    }
    return 0;
}
