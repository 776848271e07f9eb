// Filled in by issue 10 (candidate_card).
#include <catch2/catch.hpp>
