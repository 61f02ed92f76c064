// The writer options every writing tool shares: --steps, --refine-from, --guidance,
// --style-strength, --seed, and the page's --direction.
#pragma once
#include "cli/cli.h"
#include "ink/writing/writer.h"

namespace ink::cli {

WriterSettings writer_settings(Args& args);
// --direction row|column: whether a page of characters runs top to bottom.
bool writes_in_columns(Args& args);

// Their lines for a tool's --help.
inline constexpr const char* kWriterUsage = R"(sampling (every writing tool):
  --steps N           denoiser calls per stroke (default 3)
  --refine-from T     steps after the first are spread below timestep T (default 75;
                      999 spreads them over all noise levels)
  --guidance G        classifier-free guidance scale, 0-20 (default 1: no guidance)
  --style-strength S  0 writes the data's hand, 1 the style, in between a blend (0-2, default 1)
  --seed N            the noise; the same seed writes the same strokes (default 0)
)";
double double_value(Args& args, const std::string& name, double fallback, double min, double max);

}  // namespace ink::cli
