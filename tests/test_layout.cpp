// Layouts: a split's fit read as a layout recovers a known placement of the data's strokes, and
// moving a glyph by it lands the strokes on the placed glyph.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "ink/alignment/layout.h"
#include "ink/base/error.h"
#include "ink/styles/style_layouts.h"
#include "test_helpers.h"

using namespace ink;

namespace {

Coverage draw(const Glyph& glyph, int size) {
  Rasterizer rasterizer;
  return rasterizer.fill_glyph(glyph, size);
}

}  // namespace

TEST_CASE("the identity layout leaves a glyph where it is", "[layout]") {
  const Glyph& glyph = test::sample_library().glyph(U'永');
  const Glyph same = apply_layout(glyph, Layout{});
  for (size_t k = 0; k < glyph.strokes.size(); ++k)
    for (size_t i = 0; i < glyph.strokes[k].median.size(); ++i) {
      CHECK(same.strokes[k].median[i].x == Approx(glyph.strokes[k].median[i].x).margin(1e-3));
      CHECK(same.strokes[k].median[i].y == Approx(glyph.strokes[k].median[i].y).margin(1e-3));
    }
  CHECK_THROWS_AS(apply_layout(glyph, Layout{}, {StrokeMove{}}), InkError);  // one move for five strokes
}

TEST_CASE("a split's fit recovers a known layout, and the layout lands the strokes on the glyph", "[layout]") {
  const Glyph& glyph = test::sample_library().glyph(U'春');
  // The data's own glyph in place reads as the identity.
  const Layout none = layout_of_fit(split_by_alignment(draw(glyph, 128), glyph).alignment, 128);
  CHECK(none.scale_x == Approx(1).margin(0.02));
  CHECK(none.scale_y == Approx(1).margin(0.02));
  CHECK(std::hypot(none.shift.x, none.shift.y) < 8);

  Layout known;
  known.shift = {60, 40};
  known.scale_x = 0.8f, known.scale_y = 0.9f, known.rotation = 0.08f;
  bool clamped = true;
  const Coverage placed = draw(apply_layout(glyph, known, {}, &clamped), 128);
  REQUIRE(!clamped);
  const Layout found = layout_of_fit(split_by_alignment(placed, glyph).alignment, 128);
  CHECK(found.scale_x == Approx(known.scale_x).margin(0.03));
  CHECK(found.scale_y == Approx(known.scale_y).margin(0.03));
  CHECK(found.rotation == Approx(known.rotation).margin(0.02));
  CHECK(found.shift.x == Approx(known.shift.x).margin(8));
  CHECK(found.shift.y == Approx(known.shift.y).margin(8));
  CHECK(coverage_iou(draw(apply_layout(glyph, found), 128), placed) > 0.9);
  CHECK(coverage_iou(draw(glyph, 128), placed) < 0.5);  // unmoved, the strokes miss
}

TEST_CASE("a layout that would push strokes out of the box is clamped and says so", "[layout]") {
  const Glyph& glyph = test::sample_library().glyph(U'永');
  Layout far;
  far.shift = {700, 0};
  far.scale_x = far.scale_y = 1.6f;
  bool clamped = false;
  const Glyph inside = apply_layout(glyph, far, {}, &clamped);
  CHECK(clamped);
  for (const Stroke& s : inside.strokes)
    for (const Point& p : s.outline.points) {
      CHECK(p.x >= -0.01f);
      CHECK(p.x <= kBoxSize + 0.01f);
      CHECK(p.y >= kBoxTop - kBoxSize - 0.01f);
      CHECK(p.y <= kBoxTop + 0.01f);
    }
  // Strength 0 is the data's placement; 1 the layout itself.
  const Layout none = scaled_layout(far, 0);
  CHECK(none.shift.x == 0.0f);
  CHECK(none.scale_x == 1.0f);
  CHECK(scaled_layout(far, 1).scale_x == Approx(1.6f));
  CHECK(scaled_layout(far, 0.5).scale_x == Approx(std::sqrt(1.6f)));
}

TEST_CASE("a hand's typical layout is each parameter's median", "[layout]") {
  std::vector<Layout> fits(5);
  for (int i = 0; i < 5; ++i) fits[i].scale_x = 1.0f + 0.1f * i, fits[i].shift.y = i == 4 ? 500.0f : static_cast<float>(i);
  const Layout typical = typical_layout(fits);
  CHECK(typical.scale_x == Approx(1.2f));
  CHECK(typical.shift.y == Approx(2.0f));  // the one odd fit does not pull it
  CHECK(typical.scale_y == Approx(1.0f));
  CHECK(typical_layout({}).scale_x == 1.0f);
}

TEST_CASE("a layout rule recovers a linear placement, and a few characters keep it near a plain scale", "[layout]") {
  std::vector<InkShape> data, hand;
  for (int c = 0; c < 10; ++c) {
    const InkShape d{400.0f + 10 * c, 380.0f - 5 * c, 150.0f + 8 * c, 160.0f + 4 * c};
    data.push_back(d);
    hand.push_back({0.5f * d[0] + 300, d[1] + 20, 1.5f * d[2] - 30, 1.2f * d[3]});
  }
  const LayoutRule exact = fit_layout_rule(data, hand, 0.05f, 0);
  CHECK(exact.slope[0] == Approx(0.5f).margin(1e-3));
  CHECK(exact.intercept[0] == Approx(300).margin(0.5));
  CHECK(exact.slope[2] == Approx(1.5f).margin(1e-3));
  const Layout layout = layout_by_rule(exact, data[3]);
  CHECK(layout.shift.x == Approx(hand[3][0] - data[3][0]).margin(0.5));
  CHECK(layout.scale_x == Approx(hand[3][2] / data[3][2]).margin(1e-3));
  CHECK(layout.scale_y == Approx(1.2f).margin(1e-3));
  CHECK(layout.rotation == 0.05f);
  // With a prior worth as many characters as there are, the slope goes halfway to 1.
  CHECK(fit_layout_rule(data, hand, 0, 10).slope[0] == Approx(0.75f).margin(1e-3));
  CHECK_THROWS_AS(fit_layout_rule(data, {}, 0), InkError);
}

TEST_CASE("a character's ink shape is its centre and spread in box units, whatever the drawing's size", "[layout]") {
  const Glyph& glyph = test::sample_library().glyph(U'十');
  const InkShape small = ink_shape(draw(glyph, 64)), large = ink_shape(draw(glyph, 256));
  for (size_t i = 0; i < 4; ++i) CHECK(small[i] == Approx(large[i]).margin(12));
  CHECK(small[0] > 300);
  CHECK(small[0] < 700);  // 十 sits near the middle of the box
}

TEST_CASE("layouts round-trip through their file, and a bad one names the file and the style", "[layout][errors]") {
  test::TempDir dir;
  StyleLayouts layouts;
  layouts["seto"].shift = {24, 33};
  layouts["seto"].scale_x = 1.28f;
  layouts["kouzan"].rotation = -0.06f;
  layouts["kouzan"].tilts[static_cast<size_t>(StrokeKind::horizontal)] = 0.07f;
  layouts["kouzan"].stroke_forms = false;
  layouts["kouzan"].even_weight = true;
  save_layouts(dir / "layouts.json", layouts, "a test");
  const StyleLayouts back = load_layouts(dir / "layouts.json");
  REQUIRE(back.size() == 2);
  CHECK(back.at("seto").shift.y == 33.0f);
  CHECK(back.at("seto").scale_x == 1.28f);
  CHECK(back.at("kouzan").rotation == -0.06f);
  CHECK(back.at("kouzan").tilts == layouts["kouzan"].tilts);
  CHECK(is_identity(back.at("seto").tilts));  // a layout without stroke_tilts, as files before them
  CHECK_FALSE(back.at("kouzan").stroke_forms);
  CHECK(back.at("seto").stroke_forms);  // a layout without stroke_forms, as files before them
  CHECK(back.at("kouzan").even_weight);
  CHECK_FALSE(back.at("seto").even_weight);  // nor even_weight

  const auto refused = [&](const std::string& text, const std::string& message) {
    test::write_text(dir / "bad.json", text);
    CHECK_THROWS_WITH(load_layouts(dir / "bad.json"), Catch::Contains("bad.json") && Catch::Contains(message));
  };
  const std::string head = R"({"format": "hanzi-ink layouts", "version": 1, "layouts": {"seto": )";
  refused(head + R"({"shift": [0, 0], "scale": [9, 1], "rotation": 0}}})", "style 'seto': scale 9.000000 x 1.000000 out of range");
  refused(head + R"({"shift": [0, 1e999], "scale": [1, 1], "rotation": 0}}})", "number overflow");
  refused(head + R"({"shift": [0, 0], "rotation": 0}}})", "style 'seto': broken layout");
  refused(R"({"format": "something else"})", "not hanzi-ink layouts");
  refused(head + R"({"shift": [0, 0], "scale": [1, 1], "rotation": 0, "stroke_tilts": {"wobbly": 0.1}}}})",
          "style 'seto': 'stroke_tilts' names no stroke kind 'wobbly'");
  refused(head + R"({"shift": [0, 0], "scale": [1, 1], "rotation": 0, "stroke_tilts": {"dot": 2}}}})",
          "style 'seto': dot tilt 2.000000 out of range");
  refused(head + R"({"shift": [0, 0], "scale": [1, 1], "rotation": 0, "stroke_forms": "no"}}})",
          "style 'seto': stroke_forms is not true or false");
  refused(head + R"({"shift": [0, 0], "scale": [1, 1], "rotation": 0, "even_weight": 1}}})",
          "style 'seto': even_weight is not true or false");
  Layout wild;
  wild.rotation = 3;
  CHECK_THROWS_WITH(save_layouts(dir / "wild.json", {{"x", wild}}, ""), Catch::Contains("rotation"));
  CHECK(!std::filesystem::exists(dir / "wild.json"));
}

TEST_CASE("a stroke's kind is told from its median", "[layout][tilt]") {
  const auto kind = [](Polyline median) { return stroke_kind(median); };  // box, y up
  CHECK(kind({{100, 500}, {900, 520}}) == StrokeKind::horizontal);
  CHECK(kind({{500, 800}, {510, 0}}) == StrokeKind::vertical);
  CHECK(kind({{600, 700}, {200, 200}}) == StrokeKind::left_falling);
  CHECK(kind({{400, 700}, {800, 300}}) == StrokeKind::right_falling);
  CHECK(kind({{200, 200}, {500, 500}}) == StrokeKind::rising);
  CHECK(kind({{500, 500}, {540, 460}}) == StrokeKind::dot);
  CHECK(kind({{100, 700}, {800, 700}, {800, 100}}) == StrokeKind::turning);
  for (size_t k = 0; k < kStrokeKinds; ++k) CHECK(stroke_kind_named(stroke_kind_name(static_cast<StrokeKind>(k))) == static_cast<StrokeKind>(k));
  CHECK(!stroke_kind_named("wobbly"));
  // Every stroke of the sample's characters has a kind, and the horizontal strokes of 三 are horizontal.
  for (const Stroke& stroke : test::sample_library().glyph(U'三').strokes) CHECK(stroke_kind(stroke.median) == StrokeKind::horizontal);
}

TEST_CASE("stroke tilts turn each kind about its middle, and a split measures them back", "[layout][tilt]") {
  const Glyph& glyph = test::sample_library().glyph(U'春');
  StrokeTilts tilts{};
  tilts[static_cast<size_t>(StrokeKind::horizontal)] = 0.12f;  // about 7 degrees, clockwise on screen
  const Glyph tilted = apply_stroke_tilts(glyph, tilts);
  for (size_t k = 0; k < glyph.strokes.size(); ++k) {
    const Polyline &before = glyph.strokes[k].median, &after = tilted.strokes[k].median;
    if (stroke_kind(before) != StrokeKind::horizontal) {
      CHECK(after == before);
      continue;
    }
    // Clockwise on screen: the right end goes down (y up in the box), the middle stays.
    const auto angle = [](const Polyline& m) { return std::atan2(m.back().y - m.front().y, m.back().x - m.front().x); };
    CHECK(angle(after) == Approx(angle(before) - 0.12f).margin(1e-4));
    CHECK((after.front().x + after.back().x) / 2 == Approx((before.front().x + before.back().x) / 2).margin(1e-3));
  }
  Layout tilting;
  tilting.tilts = tilts;
  const Glyph laid = apply_layout(glyph, tilting);
  for (size_t k = 0; k < glyph.strokes.size(); ++k)
    for (size_t i = 0; i < glyph.strokes[k].median.size(); ++i) {
      CHECK(laid.strokes[k].median[i].x == Approx(tilted.strokes[k].median[i].x).margin(1e-3));
      CHECK(laid.strokes[k].median[i].y == Approx(tilted.strokes[k].median[i].y).margin(1e-3));
    }

  // Drawn with its horizontals tilted, then split against the data's strokes: the character's
  // fit takes some of the turn (春 is mostly horizontals), and the strokes measure the rest: the
  // horizontals near the tilt less the fit's rotation, the other kinds near minus the rotation.
  const StrokeSplit split = split_by_alignment(draw(tilted, 128), glyph);
  const float turned = split.alignment.rotation;
  CHECK(turned > 0);
  CHECK(turned < 0.06f);
  const std::vector<MeasuredTilt> measured = measure_stroke_tilts(split, glyph);
  std::vector<float> horizontals;
  for (const MeasuredTilt& m : measured) {
    INFO(stroke_kind_name(m.kind) << " tilt " << m.tilt << ", fit rotation " << turned);
    if (m.kind == StrokeKind::horizontal) horizontals.push_back(m.tilt);
    else CHECK(m.tilt == Approx(-turned).margin(0.04));
  }
  REQUIRE(horizontals.size() >= 4);
  std::sort(horizontals.begin(), horizontals.end());
  const float middle = horizontals[horizontals.size() / 2];
  CHECK(middle + turned == Approx(0.12f).margin(0.03));
  const StrokeTilts typical = typical_stroke_tilts(measured);
  const float n = static_cast<float>(horizontals.size());
  CHECK(typical[static_cast<size_t>(StrokeKind::horizontal)] == Approx(middle * n / (n + 3)).margin(1e-5));
  CHECK(typical_stroke_tilts({})[0] == 0);
  // Taken halfway, as style strength takes a layout.
  CHECK(scaled_layout(tilting, 0.5).tilts[static_cast<size_t>(StrokeKind::horizontal)] == Approx(0.06f));
}

TEST_CASE("ink-data layout --save writes each font's layout, without stroke forms or at an even weight as named", "[layout][cli]") {
  test::TempDir dir;
  const std::string common = " --data " + test::shell_quote(test::sample_dir().string()) + " --fonts " +
                             test::shell_quote("kai=AR PL KaitiM GB") + " --fit-chars 国中永 --chars 2";
  const auto file = dir / "layouts.json";
  const auto run = test::run_ink_data("layout" + common + " --save " + test::shell_quote(file.string()) + " --without-forms kai" +
                                    " --even-weight kai,hanzi-writer-data");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const StyleLayouts saved = load_layouts(file);
  REQUIRE(saved.count("kai") == 1);
  CHECK_FALSE(saved.at("kai").stroke_forms);
  CHECK(saved.at("kai").even_weight);
  // The data's hand: the identity, with every stroke brought onto the data's width.
  REQUIRE(saved.count("hanzi-writer-data") == 1);
  CHECK(saved.at("hanzi-writer-data").even_weight);
  CHECK(saved.at("hanzi-writer-data").scale_x == 1.0f);
  CHECK(saved.at("hanzi-writer-data").shift.x == 0.0f);
  CHECK(!saved.at("hanzi-writer-data").weight);
  CHECK_THAT(test::read_text(file), Catch::Contains("--without-forms kai --even-weight kai,hanzi-writer-data"));  // how it was made
  const auto typo = test::run_ink_data("layout" + common + " --without-forms kia");
  CHECK(typo.exit_code == 1);
  CHECK_THAT(typo.err, Catch::Contains("--without-forms kia: not one of the --fonts names"));
  const auto even_typo = test::run_ink_data("layout" + common + " --even-weight kia");
  CHECK(even_typo.exit_code == 1);
  CHECK_THAT(even_typo.err, Catch::Contains("--even-weight kia: not one of the --fonts names nor hanzi-writer-data"));
}
