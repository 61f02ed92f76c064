// ink-eval --set: which characters a report is on. Seen ones the stroke model trained on; a
// style's choices (which retuning, which forms) are made on them without touching the held-out
// ones it is judged on.
#pragma once
#include <cstdio>
#include <string>

#include "cli/cli.h"
#include "ink/base/error.h"

namespace ink::eval_tool {

inline std::string eval_set(cli::Args& args) {
  std::string set = args.value_or("set", "heldout");
  if (const auto old = args.value("split")) {  // before "split" came to mean only cutting a glyph into strokes
    std::fprintf(stderr, "ink-eval: --split is deprecated; use --set\n");
    set = *old;
  }
  if (set != "heldout" && set != "seen") throw InkError("--set must be heldout or seen, got '" + set + "'");
  return set;
}

}  // namespace ink::eval_tool
