// Filled in by issue 10 (words).
#include <catch2/catch.hpp>
