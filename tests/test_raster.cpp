#include <catch2/catch.hpp>

#include <cmath>

#include "ink/base/utf8.h"
#include "ink/data/svg_path.h"
#include "ink/raster/raster.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("a square outline covers exactly its area, anti-aliased at the edges", "[raster]") {
  Rasterizer r;
  // x 0..512, y 900..388 in the box is pixels 0..32 x 0..32 at 64 px.
  const Coverage c = r.fill(parse_svg_path("M 0 900 L 512 900 L 512 388 L 0 388 Z", "square"), BoxToPixels::square(64), 64, 64);
  CHECK(c.sum() == Approx(32 * 32).margin(0.5));
  CHECK(c.at(0, 0) == Approx(1.0f));
  CHECK(c.at(33, 33) == 0.0f);
  // Shifted by half a pixel, the edge columns are half covered: real anti-aliasing.
  const Coverage half = r.fill(parse_svg_path("M 8 900 L 520 900 L 520 388 L 8 388 Z", "square"), BoxToPixels::square(64), 64, 64);
  CHECK(half.at(0, 10) == Approx(0.5f).margin(0.02));
  CHECK(half.at(32, 10) == Approx(0.5f).margin(0.02));
}

TEST_CASE("curved outlines rasterise with their true area", "[raster]") {
  Rasterizer r;
  // A circle of radius 256 box units from four cubic arcs (kappa = 0.5523): radius 32 px at 128 px.
  // (At a few pixels' radius FreeType's curve flattening loses ~1.5% of the area.)
  const float k = 256 * 0.5523f;
  const std::string d = "M 768 388 C 768 " + std::to_string(388 + k) + " " + std::to_string(512 + k) + " 644 512 644 C " +
                        std::to_string(512 - k) + " 644 256 " + std::to_string(388 + k) + " 256 388 C 256 " +
                        std::to_string(388 - k) + " " + std::to_string(512 - k) + " 132 512 132 C " + std::to_string(512 + k) +
                        " 132 768 " + std::to_string(388 - k) + " 768 388 Z";
  const Coverage c = r.fill(parse_svg_path(d, "circle"), BoxToPixels::square(128), 128, 128);
  CHECK(c.sum() == Approx(3.14159 * 32 * 32).epsilon(0.005));
}

TEST_CASE("the skeleton ramp rises along the writing direction", "[raster]") {
  Rasterizer r;
  Coverage c(64, 64);
  r.skeleton({{100, 400}, {900, 400}}, BoxToPixels::square(64), 2.0f, 0.25f, 1.0f, c);
  const int row = static_cast<int>(std::lround(BoxToPixels::square(64).apply({0, 400}).y - 0.5f));
  CHECK(c.at(10, row) > 0.2f);
  CHECK(c.at(10, row) < c.at(30, row));
  CHECK(c.at(30, row) < c.at(54, row));
  CHECK(c.at(54, row) > 0.85f);
  CHECK(c.at(30, row - 6) == 0.0f);  // thin: nothing three widths away
  Coverage reversed(64, 64);
  r.skeleton({{900, 400}, {100, 400}}, BoxToPixels::square(64), 2.0f, 0.25f, 1.0f, reversed);
  CHECK(reversed.at(10, row) > reversed.at(54, row));
}

TEST_CASE("each stroke's skeleton lies inside its own outline", "[raster]") {
  Rasterizer r;
  const int size = 256;
  const BoxToPixels m = BoxToPixels::square(size);
  size_t inside = 0, total = 0;
  for (const Glyph& g : test::sample_library().glyphs()) {
    for (const Stroke& s : g.strokes) {
      const Coverage outline = r.fill(s.outline, m, size, size);
      size_t stroke_inside = 0, stroke_total = 0;
      for (size_t i = 0; i + 1 < s.median.size(); ++i) {
        const Point a = m.apply(s.median[i]), b = m.apply(s.median[i + 1]);
        const int steps = std::max(1, static_cast<int>(std::hypot(b.x - a.x, b.y - a.y) / 2));
        for (int j = 0; j <= steps; ++j) {
          const float t = static_cast<float>(j) / steps;
          const int x = static_cast<int>(a.x + (b.x - a.x) * t), y = static_cast<int>(a.y + (b.y - a.y) * t);
          ++stroke_total;
          stroke_inside += x >= 0 && y >= 0 && x < size && y < size && outline.at(x, y) >= 0.5f;
        }
      }
      INFO(describe_char(g.codepoint));
      CHECK(stroke_inside >= 0.9 * stroke_total);
      inside += stroke_inside;
      total += stroke_total;
    }
  }
  CHECK(inside >= 0.995 * total);
}

TEST_CASE("coverage IoU counts ink agreement", "[raster]") {
  Coverage a(4, 1), b(4, 1);
  a.values = {1, 1, 0, 0};
  b.values = {0, 1, 1, 0};
  CHECK(coverage_iou(a, b) == Approx(1.0 / 3));
  CHECK(coverage_iou(a, a) == 1.0f);
}

TEST_CASE("the 1024 box maps onto the image with the y-flip, and no glyph is clipped", "[raster]") {
  const BoxToPixels m = BoxToPixels::square(64);
  CHECK(m.apply({0, 900}).x == Approx(0));  // top left: screen_y = 900 - y
  CHECK(m.apply({0, 900}).y == Approx(0));
  CHECK(m.apply({1024, -124}).x == Approx(64));
  CHECK(m.apply({1024, -124}).y == Approx(64));
  float top = 64, bottom = 0, left = 64, right = 0;
  for (const Glyph& g : test::sample_library().glyphs())
    for (const Stroke& s : g.strokes)
      for (Point p : s.outline.points) {
        const Point px = m.apply(p);
        top = std::min(top, px.y), bottom = std::max(bottom, px.y);
        left = std::min(left, px.x), right = std::max(right, px.x);
      }
  CHECK(top >= 0);
  CHECK(left >= 0);
  CHECK(bottom <= 64);
  CHECK(right <= 64);
  CHECK((top + bottom) / 2 == Approx(32).margin(4));  // characters sit in the middle of the cell
}

TEST_CASE("ink moments give the weighted centre and spread of the ink, in pixel units", "[raster]") {
  Coverage c(32, 32);
  CHECK(ink_moments(c).mass == 0.0f);  // no ink: nothing to place
  for (int y = 20; y < 22; ++y)
    for (int x = 10; x < 14; ++x) c.at(x, y) = 1.0f;
  InkMoments m = ink_moments(c);
  CHECK(m.mass == Approx(8.0));
  CHECK(m.centre.x == Approx(12.0));  // pixels 10..13, centres at +0.5
  CHECK(m.centre.y == Approx(21.0));
  CHECK(m.sigma_x == Approx(std::sqrt(1.25)));  // offsets -1.5, -0.5, 0.5, 1.5
  CHECK(m.sigma_y == Approx(0.5));
  c.at(0, 0) = 0.5f;  // half-inked pixels weigh half
  m = ink_moments(c);
  CHECK(m.mass == Approx(8.5));
  CHECK(m.centre.x == Approx((8 * 12.0 + 0.5 * 0.5) / 8.5));
}

TEST_CASE("a dot and a path with repeated points draw as discs and lines, at any place", "[raster]") {
  // FreeType's stroker faulted now and then on a zero-length subpath; these go round it.
  Rasterizer r;
  for (const Point at : {Point{20, 20}, Point{97.95f, 111.58f}, Point{500.5f, 300.25f}}) {
    Coverage dot(960, 540), repeated(960, 540), tiny(960, 540);
    r.skeleton_px({at}, 6, 1, 1, dot);
    r.skeleton_px({at, at, at}, 6, 1, 1, repeated);
    r.skeleton_px({at, {at.x + 0.001f, at.y}}, 6, 1, 1, tiny);
    CHECK(dot.sum() == Approx(3.14159 * 9).epsilon(0.05));
    CHECK(repeated.sum() == Approx(dot.sum()));
    CHECK(tiny.sum() == Approx(dot.sum()));
    Coverage line(960, 540);
    r.skeleton_px({at, at, {at.x + 10, at.y}, {at.x + 10, at.y}}, 6, 1, 1, line);
    CHECK(line.sum() == Approx(3.14159 * 9 + 60).epsilon(0.05));
  }
}
