// ink-train's --structure mode: the structure model, learnt from fonts' splits and measured in
// place on held-out characters.
#pragma once
#include "cli/cli.h"

namespace ink::train_tool {

int train_structure(cli::Args& args);

}  // namespace ink::train_tool
