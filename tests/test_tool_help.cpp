// Every program answers --help with its usage on stdout and exit code 0, before touching the
// model or the data (so it works where neither is present).
#include <catch2/catch.hpp>

#include "test_helpers.h"

using namespace ink;
using Catch::Matchers::Contains;

TEST_CASE("every tool prints its usage for --help", "[cli]") {
  for (const std::string tool : {"ink-data", "ink-train", "ink-write", "ink-eval", "ink-bench"}) {
    const auto run = test::run_tool(tool, "--help --data /nonexistent");
    INFO(tool << ": " << run.err);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Contains("usage: " + tool));
    CHECK(run.err.empty());
  }
  // The writing tools list the sampler's options they share.
  for (const std::string tool : {"ink-write", "ink-eval"}) CHECK_THAT(test::run_tool(tool, "-h").out, Contains("--refine-from T"));
}
