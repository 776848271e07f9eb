// Filled in by issue 10 (live_view).
#include <catch2/catch.hpp>
