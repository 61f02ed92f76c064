// ink-data stats: what the stroke data holds.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "commands.h"
#include "ink/base/atomic_file.h"
#include "ink/base/paths.h"
#include "ink/data/char_sets.h"

namespace ink::data_tool {

int stats(cli::Args& args) {
  const auto json_file = args.value("json");
  const StrokeLibrary library = cli::open_library(args);
  args.finish();

  std::map<size_t, size_t> histogram;
  size_t strokes = 0;
  for (const Glyph& g : library.glyphs()) {
    ++histogram[g.strokes.size()];
    strokes += g.strokes.size();
  }
  const auto heldout = select_chars(library, "heldout", heldout_list_path());
  std::printf("data        %s (%s)\n", library.data_version().c_str(), library.origin().c_str());
  std::printf("characters  %zu\nstrokes     %zu (mean %.2f per character)\n", library.size(), strokes,
              library.size() ? static_cast<double>(strokes) / library.size() : 0.0);
  std::printf("held out    %zu (%.1f%%), seen %zu\n", heldout.size(),
              library.size() ? 100.0 * heldout.size() / library.size() : 0.0, library.size() - heldout.size());
  std::printf("strokes  characters\n");
  size_t peak = 1;
  for (const auto& [n, count] : histogram) peak = std::max(peak, count);
  for (const auto& [n, count] : histogram)
    std::printf("%7zu  %6zu %s\n", n, count, std::string(count * 40 / peak, '#').c_str());

  if (json_file) {
    nlohmann::json report = {{"data_version", library.data_version()},
                             {"characters", library.size()},
                             {"strokes", strokes},
                             {"heldout", heldout.size()}};
    for (const auto& [n, count] : histogram) report["stroke_histogram"][std::to_string(n)] = count;
    write_file_atomic(*json_file, report.dump(2) + "\n");
  }
  return 0;
}

}  // namespace ink::data_tool
