// Filled in by issue 10 (media_pacing).
#include <catch2/catch.hpp>
