// ink-data build: training shards for a selection of characters.
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/dataset/dataset.h"

namespace ink::data_tool {

int build(cli::Args& args) {
  DatasetOptions options;
  const auto out = args.value("out");
  if (!out) throw InkError("build needs --out DIR");
  options.out_dir = *out;
  options.size = args.int_value("size", 64, 8, 1024);
  // Default: the seen set, so a training set never picks up held-out characters by accident.
  options.selection = args.value_or("chars", "seen");
  options.font_family = args.value_or("font", "");
  options.placement = parse_stroke_placement(args.value_or("placement", "settled"), "--placement");
  options.samples_per_shard = static_cast<uint32_t>(args.int_value("shard-samples", 4096, 1, 1 << 20));
  options.threads = args.int_value("threads", 2, 1, 64);
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  options.chars = select_chars(library, options.selection, heldout_list_path());

  ProgressBar bar("building", options.chars.size());
  const DatasetReport report = build_dataset(library, options, [&](size_t done, size_t) { bar.update(done); });
  bar.finish();
  std::printf("%zu characters -> %zu stroke-step + %zu whole-glyph samples in %zu shards (%.1f s, %.0f samples/s) in %s\n",
              report.characters, report.stroke_steps, report.whole_glyphs, report.shards, report.seconds,
              (report.stroke_steps + report.whole_glyphs) / std::max(report.seconds, 1e-9), options.out_dir.c_str());
  if (!report.skipped.empty())
    std::printf("%zu characters lack a glyph in at least one of '%s' (left out for that font)\n", report.skipped.size(),
                options.font_family.c_str());
  return 0;
}

}  // namespace ink::data_tool
