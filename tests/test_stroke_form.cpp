// Stroke forms: a stroke stretched, turned and bowed about its chord's middle, and a split of a
// glyph drawn with known forms measures them back.
#include <catch2/catch.hpp>

#include <cmath>

#include "ink/alignment/layout.h"
#include "ink/alignment/stroke_form.h"
#include "test_helpers.h"

using namespace ink;

namespace {

float chord_length(const Stroke& s) { return std::hypot(s.median.back().x - s.median.front().x, s.median.back().y - s.median.front().y); }

}  // namespace

TEST_CASE("a stroke form stretches, turns and bows a stroke about its chord's middle", "[layout][form]") {
  const Glyph& glyph = test::sample_library().glyph(U'三');
  const Stroke& top = glyph.strokes[0];  // a horizontal, drawn left to right
  CHECK(apply_stroke_form(top, {}) == top);

  const Stroke longer = apply_stroke_form(top, {std::log(1.25f), 0, 0});
  CHECK(chord_length(longer) == Approx(1.25f * chord_length(top)).epsilon(1e-3));
  const auto middle = [](const Stroke& s) { return Point{(s.median.front().x + s.median.back().x) / 2, (s.median.front().y + s.median.back().y) / 2}; };
  CHECK(middle(longer).x == Approx(middle(top).x).margin(1e-2));
  CHECK(middle(longer).y == Approx(middle(top).y).margin(1e-2));

  // Clockwise on screen: the right end goes down the page (y up in the box).
  const Stroke turned = apply_stroke_form(top, {0, 0.1f, 0});
  const auto angle = [](const Stroke& s) { return std::atan2(s.median.back().y - s.median.front().y, s.median.back().x - s.median.front().x); };
  CHECK(angle(turned) == Approx(angle(top) - 0.1f).margin(1e-4));

  // Bent toward the chord's right on screen (down the page for a stroke drawn left to right):
  // the ends stay, and a point halfway along moves a tenth of the chord.
  const Stroke bowed = apply_stroke_form(top, {0, 0, 0.1f});
  CHECK(bowed.median.front().x == Approx(top.median.front().x).margin(1e-2));
  CHECK(bowed.median.back().y == Approx(top.median.back().y).margin(1e-2));
  const Point from = to_screen(top.median.front()), to = to_screen(top.median.back());
  const Point half{(from.x + to.x) / 2, (from.y + to.y) / 2};
  const Point moved = form_point(half, from, to, {0, 0, 0.1f});
  CHECK(std::hypot(moved.x - half.x, moved.y - half.y) == Approx(0.1f * chord_length(top)).epsilon(1e-3));
  CHECK(moved.y > half.y);

  // A form past the limits reshapes no more than the limits do.
  CHECK(apply_stroke_form(top, {50.0f, 0, 0}) == apply_stroke_form(top, {kMaxStretch, 0, 0}));
  CHECK(apply_stroke_form(top, {0, -9.0f, 3.0f}) == apply_stroke_form(top, {0, -kMaxTurn, kMaxBend}));

  // A dot's chord has no direction: its form is the identity.
  Stroke dot = top;
  dot.median = {top.median.front(), {top.median.front().x + 10, top.median.front().y}};
  CHECK(apply_stroke_form(dot, {0.3f, 0.2f, 0.1f}) == dot);
}

TEST_CASE("a split measures the forms a glyph was drawn with", "[layout][form]") {
  const Glyph& glyph = test::sample_library().glyph(U'永');
  // Each stroke of its own form, one at a time, so the whole-character fit stays the data's.
  const std::vector<StrokeForm> drawn_with = {{}, {0, 0, 0.12f}, {}, {std::log(1.25f), 0, 0}, {0, 0.15f, 0}};
  REQUIRE(glyph.strokes.size() == drawn_with.size());
  std::vector<StrokeMove> moves;
  for (const StrokeForm& form : drawn_with) moves.push_back({{}, form});
  Rasterizer rasterizer;
  const Glyph formed = apply_layout(glyph, Layout{}, moves);
  const StrokeSplit split = split_by_alignment(rasterizer.fill_glyph(formed, 128), glyph);
  const std::vector<StrokeMove> measured = measure_stroke_moves(split, glyph, 128);
  REQUIRE(measured.size() == drawn_with.size());
  // The fit takes a little of the forms (they move the character's ink), so each stroke is
  // checked where the fit and its measured move put it, against the stroke as drawn.
  const Glyph placed = apply_layout(glyph, layout_of_fit(split.alignment, 128), measured);
  std::vector<StrokeMove> shifts_only = measured;
  for (StrokeMove& m : shifts_only) m.form = {};
  const Glyph unformed = apply_layout(glyph, layout_of_fit(split.alignment, 128), shifts_only);
  const auto stroke_iou = [&](const Glyph& a, size_t k) {
    Glyph one, truth;
    one.strokes = {a.strokes[k]}, truth.strokes = {formed.strokes[k]};
    return coverage_iou(rasterizer.fill_glyph(one, 128), rasterizer.fill_glyph(truth, 128));
  };
  for (size_t k = 0; k < measured.size(); ++k) {
    const StrokeMove& m = measured[k];
    INFO("stroke " << k << ": shift " << m.shift.x << ", " << m.shift.y << "; stretch " << m.form.stretch << ", turn " << m.form.turn
                   << ", bend " << m.form.bend);
    CHECK(stroke_iou(placed, k) > 0.8);
    if (!drawn_with[k].is_identity()) CHECK(stroke_iou(placed, k) > stroke_iou(unformed, k) + 0.05);
  }
  CHECK(measured[1].form.bend > 0.06f);  // of 0.12: the hook at its end is not bowed, and pulls
  CHECK(measured[3].form.stretch == Approx(std::log(1.25f)).margin(0.06));
  CHECK(measured[4].form.turn > 0.08f);  // of 0.15: the right-falling stroke's split loses some of it at the crossing
  // The data's own glyph measures no form.
  const StrokeSplit own = split_by_alignment(rasterizer.fill_glyph(glyph, 128), glyph);
  for (const StrokeMove& m : measure_stroke_moves(own, glyph, 128)) {
    CHECK(std::fabs(m.form.stretch) <= 0.04f);
    CHECK(std::fabs(m.form.turn) <= 0.02f);
    CHECK(std::fabs(m.form.bend) <= 0.02f);
  }
}
