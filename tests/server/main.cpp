#define CATCH_CONFIG_MAIN
// GCC 12 with -fsanitize reports a false -Wmaybe-uninitialized inside the
// std::regex that Catch's runner instantiates.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <catch2/catch.hpp>
#pragma GCC diagnostic pop
