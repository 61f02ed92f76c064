// The brush timeline: Hanzi Writer's timing, the write-time map, ink appearing in stroke order
// and along each stroke's direction, a brush tip on the current stroke.
#include <catch2/catch.hpp>
#include <cmath>

#include "ink/dataset/stroke_step.h"
#include "ink/render/brush_timeline.h"
#include "ink/render/page.h"
#include "test_helpers.h"

using namespace ink;

namespace {

struct Reference {
  std::vector<Coverage> strokes;
  std::vector<Polyline> medians;
};

Reference reference(char32_t c, int size = 64) {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(c);
  GlyphPlanes planes = render_glyph_planes(glyph, rasterizer, size);
  Reference r;
  r.strokes = planes.strokes;
  for (const Stroke& s : glyph.strokes) r.medians.push_back(s.median);
  return r;
}

float ink_in(const Coverage& darkness, const Coverage& mask) {
  double total = 0;
  for (size_t i = 0; i < mask.values.size(); ++i) total += mask.values[i] >= 0.5f ? darkness.values[i] : 0;
  return static_cast<float>(total);
}

}  // namespace

TEST_CASE("stroke timing follows Hanzi Writer (length + 600) / 3 ms and 1 s between strokes", "[timeline]") {
  CHECK(stroke_animation_seconds(300, 1.0) == Approx(0.3));
  CHECK(stroke_animation_seconds(300, 2.0) == Approx(0.15));
  const Reference r = reference(U'十');
  const BrushTimeline timeline(r.strokes, r.medians, 128);
  REQUIRE(timeline.stroke_count() == 2);
  CHECK(timeline.timings()[0].start == 0);
  CHECK(timeline.timings()[0].duration == Approx(stroke_animation_seconds(polyline_length(r.medians[0]), 1.0)));
  CHECK(timeline.timings()[1].start == Approx(timeline.timings()[0].duration + 1.0));
  CHECK(timeline.duration() == Approx(timeline.timings()[1].start + timeline.timings()[1].duration));
}

TEST_CASE("ink appears stroke by stroke and each along its own writing direction", "[timeline]") {
  const Reference r = reference(U'永');
  const int size = 256;
  const BrushTimeline timeline(r.strokes, r.medians, size);
  std::vector<Coverage> masks;
  for (const Coverage& s : r.strokes) masks.push_back(upsample_coverage(s, size));
  const auto& t = timeline.timings();

  // Half-way through stroke 2: stroke 1 is inked, stroke 2 partly, strokes 3-5 not at all.
  const Coverage mid = timeline.darkness_at(t[1].start + 0.5 * t[1].duration);
  CHECK(ink_in(mid, masks[0]) > 0.8f * ink_in(timeline.darkness_at(timeline.duration() + 10), masks[0]));
  const float stroke2_mid = ink_in(mid, masks[1]), stroke2_end = ink_in(timeline.darkness_at(t[1].start + t[1].duration), masks[1]);
  CHECK(stroke2_mid > 0.2f * stroke2_end);
  CHECK(stroke2_mid < 0.8f * stroke2_end);
  // (Outside stroke 2's own pixels, the later strokes are bare paper, tip aside.)
  CHECK(ink_in(mid, masks[4]) < 0.02f * ink_in(timeline.darkness_at(timeline.duration() + 10), masks[4]));

  // The write-time map: k + a_k(p), rising along stroke 5's median from its start to its end.
  const Coverage map = timeline.write_time_map();
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  const Point first = to_pixels.apply(r.medians[4].front()), last = to_pixels.apply(r.medians[4].back());
  const float t_first = map.at(static_cast<int>(first.x), static_cast<int>(first.y));
  const float t_last = map.at(static_cast<int>(last.x), static_cast<int>(last.y));
  CHECK(t_first >= 4.0f);
  CHECK(t_first < 4.2f);
  CHECK(t_last > 4.8f);
  CHECK(map.at(2, 2) == -1.0f);  // bare paper in the corner
}

TEST_CASE("the ink-time map says when darkness_at first shows ink at each pixel", "[timeline]") {
  const Reference r = reference(U'永');
  const BrushTimeline timeline(r.strokes, r.medians, 128);
  const Coverage when = timeline.ink_time_map();
  int checked = 0;
  for (int y = 0; y < 128; y += 3)
    for (int x = 0; x < 128; x += 3) {
      const float t = when.at(x, y);
      if (t < 0 || timeline.final_coverage().at(x, y) < 0.5f) continue;
      // Brush tip aside (it can sit over a pixel early), no ink before, ink just after (where
      // strokes overlap, the earliest may bring only part of the final coverage).
      const BrushTip tip = timeline.tip_at(t + 0.05);
      if (tip.visible && std::hypot(tip.x - x, tip.y - y) < tip.radius + 3) continue;
      CHECK(timeline.darkness_at(t + 0.05).at(x, y) > 0.04f);
      if (t > 0.05f) {
        const BrushTip before = timeline.tip_at(t - 0.05);
        if (!(before.visible && std::hypot(before.x - x, before.y - y) < before.radius + 3))
          CHECK(timeline.darkness_at(t - 0.05).at(x, y) == 0.0f);
      }
      ++checked;
    }
  CHECK(checked > 50);
  CHECK(when.at(1, 1) == -1.0f);
}

TEST_CASE("the brush tip follows the current stroke and is gone between strokes", "[timeline]") {
  const Reference r = reference(U'十');
  const BrushTimeline timeline(r.strokes, r.medians, 256);
  const auto& t = timeline.timings();
  const BrushTip start = timeline.tip_at(0.01), later = timeline.tip_at(0.9 * t[0].duration);
  REQUIRE(start.visible);
  REQUIRE(later.visible);
  CHECK(later.x > start.x + 50);  // 十's first stroke runs left to right
  CHECK(start.radius > 1.5f);
  CHECK(!timeline.tip_at(t[0].duration + 0.5).visible);
  CHECK(!timeline.tip_at(timeline.duration() + 1).visible);
}

TEST_CASE("a page longer than an image may be is a layout, and refused only when made into an image", "[timeline][errors]") {
  const Reference r = reference(U'十');
  const auto timeline = std::make_shared<const BrushTimeline>(r.strokes, r.medians, 512);
  // 200 characters at 512 px: 102,400 px long, past a PNG's or GIF's 65,535 px side. The viewer
  // lays such a text out and scales it onto its canvas.
  const Page page = Page::row(std::vector<std::shared_ptr<const BrushTimeline>>(200, timeline));
  CHECK(page.width == 200 * 512);
  CHECK(page.glyphs.back().left == 199 * 512);
  CHECK_THROWS_WITH(page.render(0), Catch::Contains("a page of 200 characters at 512 px is 102400 x 512 px"));
  CHECK_THROWS_WITH(Page::check_size(200, 512, true), Catch::Contains("512 x 102400 px"));
  CHECK_NOTHROW(Page::row(std::vector<std::shared_ptr<const BrushTimeline>>(3, timeline)).render(0));
}
