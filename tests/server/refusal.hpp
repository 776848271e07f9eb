#pragma once
// The refusal a use case throws: `refusal([&] { use_case(...); })` returns the
// domain_error, and fails the test when nothing was thrown.
#include <catch2/catch.hpp>

#include "server/platform/domain_error.hpp"

namespace tanu_test {

template <class F>
tanu::server::domain_error refusal(F f) {
    try {
        f();
    } catch (const tanu::server::domain_error& e) {
        return e;
    }
    FAIL("no domain_error thrown");
    return tanu::server::internal_error();
}

}  // namespace tanu_test
