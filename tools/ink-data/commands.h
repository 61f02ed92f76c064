// ink-data's subcommands, one file each.
#pragma once
#include "cli/cli.h"

namespace ink::data_tool {

int show(cli::Args& args);
int build(cli::Args& args);
int stats(cli::Args& args);
int pack(cli::Args& args);
int heldout(cli::Args& args);
int peek(cli::Args& args);
int split(cli::Args& args);
int photos(cli::Args& args);
int layout(cli::Args& args);

}  // namespace ink::data_tool
