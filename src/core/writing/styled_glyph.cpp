// The layout stage before the writers: a style's strokes go where its hand puts them.
#include "ink/writing/writer.h"

#include "ink/base/utf8.h"
#include "ink/dataset/dataset.h"
#include "model/diffusion_model_impl.h"

namespace ink {

Glyph styled_glyph(const DiffusionModel& model, const Glyph& glyph, const std::string& style, double strength, bool* clamped) {
  if (clamped) *clamped = false;
  const StyleLayouts& layouts = summary_of(model).layouts;
  const auto found = layouts.find(style);
  if (found == layouts.end() || strength == 0) return glyph;
  const std::optional<size_t> row = model.structure ? model.structure->style_named(style) : std::nullopt;
  if (!row) return apply_layout(glyph, scaled_layout(found->second, strength), {}, clamped);
  // The character's own placement, taken `strength` of the way as the layout is.
  StructurePlacement placed = model.structure->place(structure_of(glyph), *row, found->second);
  if (!found->second.stroke_forms)
    for (StrokeMove& move : placed.moves) move.form = {};
  return apply_layout(glyph, scaled_layout(placed.layout, strength), scaled_moves(placed.moves, strength), clamped);
}

std::string kept_inside_note(const std::string& style, const std::u32string& kept_inside, size_t total) {
  constexpr size_t kNamed = 8;  // characters named; the rest are counted
  return "style '" + style + "' placed " + std::to_string(kept_inside.size()) + " of " + std::to_string(total) +
         " characters past the box's edge (" + encode_utf8(kept_inside.substr(0, kNamed)) + (kept_inside.size() > kNamed ? "..." : "") +
         "); kept inside";
}

void set_styled_weight(WriterSettings& settings, const DiffusionModel& model, const std::string& style) {
  settings.stroke_weight.reset();
  settings.even_weight = false;
  const StyleLayouts& layouts = summary_of(model).layouts;
  // Strength 0 writes the data's hand, its weight included.
  const bool data_hand = settings.style_strength == 0;
  const auto found = layouts.find(data_hand ? std::string(kDataStyle) : style);
  if (found == layouts.end()) return;
  const Layout scaled = data_hand ? found->second : scaled_layout(found->second, settings.style_strength);
  settings.even_weight = scaled.even_weight;
  settings.stroke_weight = scaled.even_weight ? scaled.weight.value_or(1.0f) : scaled.weight;
}

}  // namespace ink
