// Building stroke-step and whole-glyph samples from one rasterisation per character.
#include "ink/dataset/stroke_step.h"

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"

namespace ink {
namespace {

void to_bytes(const Coverage& c, uint8_t* out) {
  for (size_t i = 0; i < c.values.size(); ++i)
    out[i] = static_cast<uint8_t>(std::lround(std::clamp(c.values[i], 0.0f, 1.0f) * 255.0f));
}

}  // namespace

float skeleton_width_px(int size) { return std::max(1.0f, size / 40.0f); }

GlyphPlanes render_glyph_planes(const Glyph& glyph, Rasterizer& rasterizer, int size) {
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  const float width = skeleton_width_px(size);
  const float n = static_cast<float>(glyph.strokes.size());
  GlyphPlanes planes;
  planes.size = size;
  planes.glyph = Coverage(size, size);
  planes.ordered_skeletons = Coverage(size, size);
  for (size_t k = 0; k < glyph.strokes.size(); ++k) {
    const Stroke& stroke = glyph.strokes[k];
    planes.strokes.push_back(rasterizer.fill(stroke.outline, to_pixels, size, size));
    planes.glyph.max_with(planes.strokes.back());
    Coverage skeleton(size, size);
    rasterizer.skeleton(stroke.median, to_pixels, width, kSkeletonRampStart, 1.0f, skeleton);
    planes.skeletons.push_back(std::move(skeleton));
    const float from = kSkeletonRampStart + (1 - kSkeletonRampStart) * (k / n);
    const float to = kSkeletonRampStart + (1 - kSkeletonRampStart) * ((k + 1) / n);
    rasterizer.skeleton(stroke.median, to_pixels, width, from, to, planes.ordered_skeletons);
  }
  return planes;
}

void stroke_step_sample(const GlyphPlanes& planes, int k, uint8_t* out) {
  const int n = static_cast<int>(planes.strokes.size());
  if (k < 0 || k >= n) throw InkError("stroke step " + std::to_string(k) + " out of range (0.." + std::to_string(n - 1) + ")");
  const size_t plane = static_cast<size_t>(planes.size) * planes.size;
  Coverage canvas(planes.size, planes.size), future(planes.size, planes.size);
  for (int j = 0; j < k; ++j) canvas.max_with(planes.strokes[j]);
  for (int j = k + 1; j < n; ++j) future.max_with(planes.skeletons[j]);
  to_bytes(planes.strokes[k], out + kTargetStroke * plane);
  to_bytes(canvas, out + kCanvas * plane);
  to_bytes(planes.skeletons[k], out + kStrokeSkeleton * plane);
  to_bytes(future, out + kFutureSkeletons * plane);
}

void whole_glyph_sample(const GlyphPlanes& planes, uint8_t* out, const Coverage* target) {
  const size_t plane = static_cast<size_t>(planes.size) * planes.size;
  to_bytes(target ? *target : planes.glyph, out + kTargetGlyph * plane);
  to_bytes(planes.ordered_skeletons, out + kOrderedSkeletons * plane);
}

}  // namespace ink
