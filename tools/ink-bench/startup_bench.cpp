// Start-up section: wall time of whole ink-write runs, its front (no libtorch) against the model
// half started directly, which is how ink-write ran before the split (load libtorch, restart for
// the OpenMP wait policy, load it again); medians of 5, side by side in one run.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "bench.h"
#include "ink/base/error.h"

namespace ink::bench {
namespace {

std::filesystem::path tool(const char* name) { return std::filesystem::read_symlink("/proc/self/exe").parent_path() / name; }

double median_seconds(const std::string& command) {
  std::vector<double> seconds;
  for (int i = 0; i < 5; ++i)
    seconds.push_back(seconds_of([&] {
      if (std::system((command + " > /dev/null 2>&1").c_str()) == -1) throw InkError("cannot run: " + command);
    }));
  return summarize(seconds).median;
}

}  // namespace

nlohmann::json startup_section() {
  std::printf("== start-up (wall time, median of 5; the model half alone is how ink-write ran before) ==\n");
  const std::string out = std::filesystem::temp_directory_path() / ("ink-bench-" + std::to_string(getpid()) + ".png");
  // The passive policy is what ink-write sets; leave the model half to set it itself, as before.
  unsetenv("OMP_WAIT_POLICY");
  nlohmann::json report;
  for (const auto& [name, arguments] : std::vector<std::pair<std::string, std::string>>{
           {"help", "--help"}, {"list_styles", "--list-styles"}, {"write_yong_png", "永 --png '" + out + "'"}}) {
    const double front = median_seconds("'" + tool("ink-write").string() + "' " + arguments);
    const double before = median_seconds("'" + tool("ink-write-model").string() + "' " + arguments);
    report[name] = {{"ink_write_s", front}, {"model_half_alone_s", before}};
    std::printf("ink-write %-28s %8.3f s (the model half alone: %.3f s)\n", arguments.substr(0, 28).c_str(), front, before);
    std::fflush(stdout);
  }
  std::remove(out.c_str());
  return report;
}

}  // namespace ink::bench
