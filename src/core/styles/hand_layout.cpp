#include "ink/styles/hand_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/median.h"
#include "ink/base/error.h"
#include "ink/alignment/stroke_weight_ratio.h"
#include "ink/raster/raster.h"

namespace ink {
namespace {

constexpr float kPrior = 3;             // images (or strokes) of evidence that the hand is the data's
constexpr float kMaxAspect = 2.0f;      // wider or taller than the data by at most this
constexpr float kMaxSlant = 0.35f;      // radians, as far as the split accepts a fit
constexpr float kMaxSize = 2.0f;        // a framed hand writes at most this much larger or smaller
constexpr float kMaxWeight = 3.0f;      // strokes at most this much heavier or lighter than the data's

// The data's strokes laid over the image by its split's fit, as one coverage.
Coverage laid_over(const Glyph& glyph, const SplitImage& image) {
  Coverage all(image.image_ink.width, image.image_ink.height);
  for (const Coverage& stroke : aligned_reference_strokes(glyph, image.split.alignment, all.width, all.height)) all.max_with(stroke);
  return all;
}

}  // namespace

HandLayout learn_hand_layout(const std::vector<SplitImage>& images, const StrokeLibrary& library, bool framed) {
  HandLayout hand;
  if (images.empty()) return hand;
  std::vector<float> log_aspects, slants, log_sizes, shifts_x, shifts_y;
  std::vector<MeasuredTilt> tilts;
  std::vector<float> weights;
  for (const SplitImage& image : images) {
    if (framed && image.image_ink.width != image.image_ink.height)
      throw InkError(image.file.string() + ": " + std::to_string(image.image_ink.width) + " x " +
                     std::to_string(image.image_ink.height) + " px; a framed image is its character's square");
    const Layout fit = layout_of_fit(image.split.alignment, image.image_ink.width);
    log_aspects.push_back(std::log(fit.scale_x / fit.scale_y));
    log_sizes.push_back(std::log(fit.scale_x * fit.scale_y) / 2);
    shifts_x.push_back(fit.shift.x), shifts_y.push_back(fit.shift.y);
    slants.push_back(fit.rotation);
    const std::vector<MeasuredTilt> measured = measure_stroke_tilts(image.split, library.glyph(image.character));
    tilts.insert(tilts.end(), measured.begin(), measured.end());
    if (const auto weight = measure_weight(image.split, library.glyph(image.character))) weights.push_back(*weight);
  }
  const float n = static_cast<float>(images.size()), evidence = n / (n + kPrior);
  const float log_aspect = std::clamp(evidence * median_of(log_aspects), -std::log(kMaxAspect), std::log(kMaxAspect));
  // Unframed, the data's area: the hand's size is the photographer's.
  const float log_size = framed ? std::clamp(evidence * median_of(log_sizes), -std::log(kMaxSize), std::log(kMaxSize)) : 0.0f;
  hand.layout.scale_x = std::exp(log_size + log_aspect / 2);
  hand.layout.scale_y = std::exp(log_size - log_aspect / 2);
  if (framed) hand.layout.shift = {evidence * median_of(shifts_x), evidence * median_of(shifts_y)};
  hand.layout.rotation = std::clamp(evidence * median_of(slants), -kMaxSlant, kMaxSlant);
  hand.tilted_strokes = tilts.size();
  // A width relative to the character: any framing keeps it.
  hand.layout.weight = weight_to_keep(std::clamp(typical_weight(weights, kPrior), 1 / kMaxWeight, kMaxWeight));
  const StrokeTilts typical = typical_stroke_tilts(tilts, kPrior);
  double gain = 0;
  for (const SplitImage& image : images) {
    const Glyph& glyph = library.glyph(image.character);
    gain += coverage_iou(laid_over(apply_stroke_tilts(glyph, typical), image), image.image_ink) -
            coverage_iou(laid_over(glyph, image), image.image_ink);
  }
  hand.tilts_kept = gain > 0;
  if (hand.tilts_kept) hand.layout.tilts = typical;
  return hand;
}

std::string describe_layout(const Layout& layout) {
  char text[512];
  int used = 0;
  if (layout.shift.x != 0 || layout.shift.y != 0 || std::fabs(layout.scale_x * layout.scale_y - 1) > 1e-4f)
    used = std::snprintf(text, sizeof text, "size %.3f, shift (%+.0f, %+.0f), ", std::sqrt(layout.scale_x * layout.scale_y),
                         layout.shift.x, layout.shift.y);
  used += std::snprintf(text + used, sizeof text - used, "aspect %.3f, slant %+.1f deg", layout.scale_x / layout.scale_y,
                        layout.rotation * 180 / M_PI);
  used += layout.weight ? std::snprintf(text + used, sizeof text - used, ", stroke weight %.2f", *layout.weight)
                        : std::snprintf(text + used, sizeof text - used, ", the data's stroke weight");
  if (is_identity(layout.tilts)) return std::string(text) + ", the data's stroke tilts";
  used += std::snprintf(text + used, sizeof text - used, ", stroke tilts (deg):");
  for (size_t k = 0; k < kStrokeKinds && used < static_cast<int>(sizeof text); ++k)
    used += std::snprintf(text + used, sizeof text - used, " %s %+.1f", stroke_kind_name(static_cast<StrokeKind>(k)),
                          layout.tilts[k] * 180 / M_PI);
  return text;
}

}  // namespace ink
