// The canvas texture's half floats: every coverage and ink time the viewer shows survives the
// conversion closely enough, and the bare-paper marker stays negative.
#include <catch2/catch.hpp>

#include <cmath>

#include "glyph_texture.h"
#include "ink/render/brush_timeline.h"
#include "test_helpers.h"

using namespace ink;
using namespace ink::app;

TEST_CASE("half floats hold coverage and ink times to within a frame", "[texture]") {
  CHECK(half_float(0.0f) == 0x0000);
  CHECK(half_float(1.0f) == 0x3c00);
  CHECK(half_float(-1.0f) == 0xbc00);
  CHECK(half_float(0.5f) == 0x3800);
  CHECK(half_float(65504.0f) == 0x7bff);
  CHECK(half_float(1e9f) == 0x7bff);   // saturates rather than turning infinite
  CHECK(half_float(-1e9f) == 0xfbff);
  CHECK(half_float(std::ldexp(1.0f, -24)) == 0x0001);  // the smallest subnormal
  for (float v = 0; v <= 1.0f; v += 1.0f / 997) CHECK(from_half_float(half_float(v)) == Approx(v).margin(1.0f / 2048));
  // Ink times up to a minute at speed 1 keep a 60 fps frame's precision.
  for (float t = 0; t < 60.0f; t += 0.37f) CHECK(std::fabs(from_half_float(half_float(t)) - t) <= 1.0f / 60);
  CHECK(from_half_float(half_float(-1.0f)) < 0);

  // A real character's texture: half the bytes of 32-bit floats, the same picture.
  const Glyph& glyph = test::sample_library().glyph(U'永');
  std::vector<Polyline> medians;
  std::vector<Coverage> strokes;
  Rasterizer rasterizer;
  for (const Stroke& s : glyph.strokes) {
    medians.push_back(s.median);
    strokes.push_back(rasterizer.fill(s.outline, BoxToPixels::square(64), 64, 64));
  }
  const BrushTimeline timeline(strokes, medians, 128);
  const GlyphTextureData data = glyph_texture_data(timeline);
  REQUIRE(data.texels.size() == size_t{128} * 128 * 2);
  const Coverage& coverage = timeline.final_coverage();
  for (size_t i = 0; i < coverage.values.size(); ++i) CHECK(from_half_float(data.texels[2 * i]) == Approx(coverage.values[i]).margin(1e-3));
}
