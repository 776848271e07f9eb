// The integration suite: each TEST_CASE starts its own `tanu serve` child
// process (see harness.hpp) and talks to it over loopback.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
