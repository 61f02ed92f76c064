// The writer options every writing tool shares: --steps, --refine-from, --guidance,
// --style-strength, --seed, the page's --direction, and where a page goes on a painting.
#pragma once
#include "cli/cli.h"
#include "ink/render/image.h"
#include "ink/render/painting.h"
#include "ink/writing/writer.h"

namespace ink::cli {

WriterSettings writer_settings(Args& args);
// --direction row|column: whether a page of characters runs top to bottom.
bool writes_in_columns(Args& args);

// --place X,Y[,SCALE]: X and Y in 0..1, SCALE in 0.1..1.5 (the viewer's sliders' ranges).
Placement placement_from(const std::string& text);
// The cell size that fills `painting` with `characters` in a row (or column) at `placement`'s
// scale, as place_page fits it: the writing is then drawn at the painting's own resolution.
int cell_size_on(const Image& painting, int characters, bool vertical, const Placement& placement);

// Their lines for a tool's --help.
inline constexpr const char* kWriterUsage = R"(sampling (every writing tool):
  --steps N           denoiser calls per stroke through the full model (default: one call of
                      its one-step student where it knows the style, else 3)
  --refine-from T     steps after the first are spread below timestep T (default 75;
                      999 spreads them over all noise levels)
  --guidance G        classifier-free guidance scale, 0-20 (default 1: no guidance)
  --style-strength S  0 writes the data's hand, 1 the style, in between a blend (0-2, default 1)
  --seed N            the noise; the same seed writes the same strokes (default 0)
)";
double double_value(Args& args, const std::string& name, double fallback, double min, double max);

}  // namespace ink::cli
