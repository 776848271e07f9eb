// Tests that attack the real server (see CMakeLists.txt): each TEST_CASE starts
// its own `tanu serve` child process through tests/integration's harness.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
