// ink-train's --style-images mode: a new hand from a folder of images.
#pragma once
#include <string>

#include "cli/cli.h"

namespace ink::train_tool {

int learn_style(cli::Args& args, const std::string& images_dir);

}  // namespace ink::train_tool
