// The writer options every writing tool shares: --steps, --guidance, --style-strength, --seed.
#pragma once
#include "cli/cli.h"
#include "ink/writing/writer.h"

namespace ink::cli {

WriterSettings writer_settings(Args& args);
double double_value(Args& args, const std::string& name, double fallback, double min, double max);

}  // namespace ink::cli
