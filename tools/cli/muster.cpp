// muster: disaster resource dispatch and shelter planning. Parses the command line, runs the
// subcommand, and turns every error into a message and an exit code (kExitCodes, also printed
// by --help), both from the one table of error codes (tools/app/error_codes.hpp). Exit code 4 is
// kept for bugs: every error muster expects has its own class.

#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/app/query_error.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/layer_output.hpp"
#include "tools/present/messages.hpp"

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
    namespace tools = muster::tools;
    tools::record_command_line(argc, argv);
    CLI::App app{"muster: disaster resource dispatch and shelter planning"};
    app.require_subcommand(1);
    app.footer(kExitCodes);
    // The language of tables, notes and the error frame: the locale's, or --lang (given before
    // or after the subcommand: fallthrough hands the subcommand's unknown options to the app).
    tools::set_output_language(tools::language_from_environment());
    app.fallthrough();
    app.add_option_function<std::string>(
           "--lang",
           [](const std::string& text) {
               tools::set_output_language(tools::parse_language(text, "--lang"));
           },
           "output language: zh or en (default: zh where LC_ALL, LC_MESSAGES or LANG starts "
           "with zh)")
        ->check(CLI::IsMember({"zh", "en"}));
    muster::tools::add_import_command(app);
    muster::tools::add_info_command(app);
    muster::tools::add_nearest_command(app);
    muster::tools::add_route_command(app);
    muster::tools::add_matrix_command(app);
    muster::tools::add_isochrone_command(app);
    muster::tools::add_network_command(app);
    muster::tools::add_serve_command(app);
    muster::tools::add_coverage_command(app);
    muster::tools::add_response_command(app);
    muster::tools::add_station_command(app);
    muster::tools::add_criticality_command(app);
    muster::tools::add_compare_command(app);
    muster::tools::add_allocate_command(app);
    muster::tools::add_mci_command(app);
    muster::tools::add_site_command(app);
    muster::tools::add_token_command(app);
    muster::tools::add_report_command(app);
    muster::tools::add_copy_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const bool zh = tools::output_language() == tools::Language::zh;
        std::cerr << "muster: " << e.what() << (zh ? "\n（" : "\n(")
                  << tools::tr("run muster --help") << (zh ? "）\n" : ")\n");
        return tools::exit_code(tools::ErrorCode::BadUsage);
    } catch (const std::exception& e) {
        const tools::ErrorCodeInfo& error = tools::error_code_info(tools::error_code_of(e));
        std::cerr << "muster: " << tools::tr(error.cli_label)
                  << tools::colon(tools::output_language()) << e.what() << '\n';
        return error.exit_code;
    }
    return 0;
}
