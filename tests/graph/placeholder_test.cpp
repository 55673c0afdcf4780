#include <doctest/doctest.h>

#include "graph/graph.h"

TEST_CASE("normalize_name is declared") { CHECK(true); }
