// ink-train's --detail mode: the detail stage, trained on the stroke model's own strokes.
#pragma once
#include "cli/cli.h"

namespace ink::train_tool {

int train_detail(cli::Args& args);

}  // namespace ink::train_tool
