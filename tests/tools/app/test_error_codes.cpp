// The table of error codes (tools/app/error_codes.hpp) against the contract muster documents,
// written out here by hand: the `code` strings of docs/routing.md and docs/relief.md, the HTTP
// statuses of tools/server/http_service.hpp (400 bad parameter or body, 401 a write without a valid
// token, 403 a write the role or a read-only service refuses, 404 unknown entity or path
// or nothing matching, 405 wrong method, 409 conflicting id, 413 body too large, 422 off the roads
// or no route, 500 anything else, 503 the service stopping) and the exit codes of `muster --help`
// (1 bad input, 2 bad usage, 3 corrupt database, 4 internal error, 5 cannot write).

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/errors.hpp"
#include "tools/app/error_codes.hpp"
#include "tools/app/query_error.hpp"

using namespace muster;
using namespace muster::tools;

namespace {

struct Contract {
    ErrorCode code;
    std::string_view name;
    int http_status;
    int exit_code;
};

// Every code, as documented.
constexpr Contract kContract[] = {
    {ErrorCode::InvalidValue, "InvalidValue", 400, 1},
    {ErrorCode::NotFound, "NotFound", 404, 1},
    {ErrorCode::NoSegment, "NoSegment", 422, 1},
    {ErrorCode::NoMatch, "NoMatch", 404, 1},
    {ErrorCode::NoRoute, "NoRoute", 422, 1},
    {ErrorCode::Conflict, "Conflict", 409, 1},
    {ErrorCode::MissingParameter, "MissingParameter", 400, 1},
    {ErrorCode::UnknownParameter, "UnknownParameter", 400, 1},
    {ErrorCode::InvalidJson, "InvalidJson", 400, 1},
    {ErrorCode::UnknownPath, "UnknownPath", 404, 1},
    {ErrorCode::MethodNotAllowed, "MethodNotAllowed", 405, 1},
    {ErrorCode::Unauthorized, "Unauthorized", 401, 1},
    {ErrorCode::Forbidden, "Forbidden", 403, 1},
    {ErrorCode::PayloadTooLarge, "PayloadTooLarge", 413, 1},
    {ErrorCode::BadRequest, "BadRequest", 400, 1},
    {ErrorCode::ServiceStopping, "ServiceStopping", 503, 1},
    {ErrorCode::InvalidInput, "InvalidInput", 400, 1},
    {ErrorCode::CorruptData, "CorruptData", 500, 3},
    {ErrorCode::CannotWrite, "CannotWrite", 500, 5},
    {ErrorCode::BadUsage, "BadUsage", 400, 2},
    {ErrorCode::InternalError, "InternalError", 500, 4},
};

}  // namespace

TEST_CASE("Error codes: each has the documented string, HTTP status and exit code") {
    REQUIRE(kErrorCodes.size() == std::size(kContract));
    for (const Contract& c : kContract) {
        INFO(c.name);
        CHECK(to_string(c.code) == c.name);
        CHECK(http_status(c.code) == c.http_status);
        CHECK(exit_code(c.code) == c.exit_code);
    }
}

TEST_CASE("Error codes: the strings are unique and round-trip") {
    std::set<std::string_view> names;
    for (const ErrorCodeInfo& row : kErrorCodes) {
        INFO(row.name);
        CHECK(names.insert(row.name).second);
        CHECK(error_code_named(row.name) == row.code);
        CHECK(error_code_named(to_string(row.code)) == row.code);
    }
    CHECK_FALSE(error_code_named("invalidvalue").has_value());  // exact, as clients compare
    CHECK_FALSE(error_code_named("").has_value());
}

TEST_CASE("Error codes: the CLI's messages start as muster has always printed them") {
    CHECK(error_code_info(ErrorCode::NoRoute).cli_label == "error");
    CHECK(error_code_info(ErrorCode::InvalidInput).cli_label == "error");
    CHECK(error_code_info(ErrorCode::CorruptData).cli_label == "data error");
    CHECK(error_code_info(ErrorCode::CannotWrite).cli_label == "cannot write");
    CHECK(error_code_info(ErrorCode::InternalError).cli_label ==
          "internal error (a bug in muster; please report it)");
}

TEST_CASE("Error codes: an error's class gives its code") {
    CHECK(error_code_of(QueryError(ErrorCode::NoSegment, "at: too far")) == ErrorCode::NoSegment);
    CHECK(error_code_of(InputError("roads.shp: no such file")) == ErrorCode::InvalidInput);
    CHECK(error_code_of(DataError("a CCH order is no permutation")) == ErrorCode::CorruptData);
    CHECK(error_code_of(WriteError("muster.db: read-only")) == ErrorCode::CannotWrite);
    CHECK(error_code_of(Error("GEOS cannot make a line")) == ErrorCode::InternalError);
    CHECK(error_code_of(ContractError("search state of another network")) ==
          ErrorCode::InternalError);
    CHECK(error_code_of(std::logic_error("a bug")) == ErrorCode::InternalError);
}
