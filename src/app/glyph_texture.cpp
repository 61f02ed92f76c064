// Glyph textures for the canvas shader: coverage + ink time, with the time spread into the
// soft edge so filtering stays meaningful.
#include "glyph_texture.h"

#include <c10/util/Half.h>

#include <algorithm>
#include <cmath>

namespace ink::app {
namespace {

// Gives bare pixels next to timed ones the earliest neighbouring time, `passes` times over.
void spread_times(Coverage& times, int passes) {
  const int w = times.width, h = times.height;
  for (int pass = 0; pass < passes; ++pass) {
    Coverage next = times;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        if (times.at(x, y) >= 0) continue;
        float best = -1;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            const float t = times.at(nx, ny);
            if (t >= 0 && (best < 0 || t < best)) best = t;
          }
        next.at(x, y) = best;
      }
    times = std::move(next);
  }
}

}  // namespace

uint16_t half_float(float value) {
  constexpr float kLargest = 65504.0f;  // clamped first: a time past the largest half stays finite
  return c10::detail::fp16_ieee_from_fp32_value(std::isnan(value) ? value : std::clamp(value, -kLargest, kLargest));
}

float from_half_float(uint16_t half) { return c10::detail::fp16_ieee_to_fp32_value(half); }

GlyphTextureData glyph_texture_data(const BrushTimeline& timeline) {
  Coverage times = timeline.ink_time_map();
  spread_times(times, 3);
  const Coverage& coverage = timeline.final_coverage();
  GlyphTextureData data;
  data.size = timeline.display_size();
  data.texels.resize(coverage.values.size() * 2);
  for (size_t i = 0; i < coverage.values.size(); ++i) {
    data.texels[2 * i] = half_float(coverage.values[i]);
    data.texels[2 * i + 1] = half_float(times.values[i]);
  }
  return data;
}

GlyphTextureData preview_texture_data(const Coverage& predicted, int size) {
  const Coverage smooth = upsample_coverage(predicted, size);
  GlyphTextureData data;
  data.size = size;
  data.texels.resize(smooth.values.size() * 2);
  for (size_t i = 0; i < smooth.values.size(); ++i) {
    data.texels[2 * i] = half_float(std::clamp(smooth.values[i], 0.0f, 1.0f));
    data.texels[2 * i + 1] = half_float(0.0f);
  }
  return data;
}

}  // namespace ink::app
