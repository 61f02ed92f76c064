// Glyph textures for the canvas shader: coverage + ink time, with the time spread into the
// soft edge so filtering stays meaningful.
#include "glyph_texture.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const float magnitude = std::fabs(value);
  if (!(magnitude < 65520.0f)) return static_cast<uint16_t>(sign | (std::isnan(value) ? 0x7e00u : 0x7bffu));
  if (magnitude < 6.103515625e-05f)  // below the smallest normal: a multiple of 2^-24
    return static_cast<uint16_t>(sign | static_cast<uint16_t>(std::lround(magnitude * 16777216.0f)));
  int exponent = 0;
  const float fraction = std::frexp(magnitude, &exponent);  // magnitude = fraction * 2^exponent, fraction in [0.5, 1)
  uint32_t mantissa = static_cast<uint32_t>(std::lround((fraction * 2 - 1) * 1024));
  uint32_t biased = static_cast<uint32_t>(exponent - 1 + 15);
  if (mantissa == 1024) mantissa = 0, ++biased;  // rounded up into the next power of two
  return static_cast<uint16_t>(sign | (biased << 10) | mantissa);
}

float from_half_float(uint16_t half) {
  const float sign = half & 0x8000u ? -1.0f : 1.0f;
  const int biased = (half >> 10) & 0x1f;
  const int mantissa = half & 0x3ff;
  if (biased == 0) return sign * std::ldexp(static_cast<float>(mantissa), -24);
  if (biased == 31) return mantissa ? NAN : sign * INFINITY;
  return sign * std::ldexp(1.0f + mantissa / 1024.0f, biased - 15);
}

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
