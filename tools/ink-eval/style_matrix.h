// ink-eval --styles A,B --fonts NAME=FAMILY,...: whole-glyph IoU of each style's writing
// (rows) against each font's glyphs (columns) on held-out characters every font has.
#pragma once
#include "cli/cli.h"

namespace ink::eval_tool {

int style_matrix(cli::Args& args, const std::string& styles);

}  // namespace ink::eval_tool
