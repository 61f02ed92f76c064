// The layout stage before the writers: a style's strokes go where its hand puts them.
#include "ink/writing/writer.h"

namespace ink {

Glyph styled_glyph(const DiffusionModel& model, const Glyph& glyph, const std::string& style, double strength, bool* clamped) {
  if (clamped) *clamped = false;
  const StyleLayouts& layouts = summary_of(model).layouts;
  const auto found = layouts.find(style);
  if (found == layouts.end() || strength == 0) return glyph;
  return apply_layout(glyph, scaled_layout(found->second, strength), {}, clamped);
}

std::optional<float> styled_weight(const DiffusionModel& model, const std::string& style, double strength) {
  const StyleLayouts& layouts = summary_of(model).layouts;
  const auto found = layouts.find(style);
  if (found == layouts.end() || strength == 0) return std::nullopt;
  return scaled_layout(found->second, strength).weight;
}

}  // namespace ink
