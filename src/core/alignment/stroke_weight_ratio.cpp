// Stroke weight from a split: the data's strokes laid over the image, made heavier or lighter
// until they ink as much as the hand (bisection in log weight; the inked area grows with it).
#include "ink/alignment/stroke_weight_ratio.h"

#include <cmath>

#include "base/median.h"
#include "ink/raster/stroke_weight.h"

namespace ink {
namespace {

constexpr float kLightest = 1 / 3.0f, kHeaviest = 3;  // as far as a layout file allows
constexpr int kHalvings = 10;  // the log-weight interval (2.2) to 0.002
constexpr float kSameWeight = 1.05f;

}  // namespace

std::optional<float> measure_weight(const StrokeSplit& split, const Glyph& reference) {
  if (split.strokes.empty() || split.strokes.size() != reference.strokes.size()) return std::nullopt;
  const int width = split.strokes[0].width, height = split.strokes[0].height;
  Coverage hand(width, height);
  for (const Coverage& stroke : split.strokes) hand.max_with(stroke);
  const float hand_area = inked_area(hand);
  if (hand_area <= 0) return std::nullopt;
  const std::vector<Coverage> laid = aligned_reference_strokes(reference, split.alignment, width, height);
  const BoxToPixels to_raster = BoxToPixels::square(static_cast<float>(kReferenceRaster));
  std::vector<float> areas, lengths;
  for (size_t k = 0; k < laid.size(); ++k) {
    Polyline median;
    for (const Point& p : reference.strokes[k].median) median.push_back(split.alignment.to_image(to_raster.apply(p)));
    areas.push_back(inked_area(laid[k]));
    lengths.push_back(static_cast<float>(polyline_length(median)));
  }
  const auto inked_at = [&](float weight) {
    Coverage all(width, height);
    for (size_t k = 0; k < laid.size(); ++k) all.max_with(reweighted(laid[k], areas[k], lengths[k], weight));
    return inked_area(all);
  };
  float low = std::log(kLightest), high = std::log(kHeaviest);
  for (int i = 0; i < kHalvings; ++i) {
    const float mid = (low + high) / 2;
    (inked_at(std::exp(mid)) < hand_area ? low : high) = mid;
  }
  return std::exp((low + high) / 2);
}

std::optional<float> weight_to_keep(float weight) {
  if (weight < kSameWeight && weight > 1 / kSameWeight) return std::nullopt;
  return weight;
}

float typical_weight(const std::vector<float>& weights, float prior) {
  if (weights.empty()) return 1;
  std::vector<float> logs;
  for (float w : weights) logs.push_back(std::log(w));
  const float n = static_cast<float>(weights.size());
  return std::exp(n / (n + prior) * median_of(std::move(logs)));
}

}  // namespace ink
