#pragma once
// Test support: the message of the InputError an action throws, for checking what it names.

#include <catch2/catch.hpp>

#include <string>

#include "engine/errors.hpp"

namespace muster::test {

/// The message of the InputError that `action` throws; a test failure ("expected " + `expected`)
/// if it throws none.
template <class Action>
std::string input_error(Action&& action, const char* expected = "an InputError") {
    try {
        action();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("expected " << expected);
    return {};
}

}  // namespace muster::test
