// Stroke weight: a band's width read back from its area, an edge moved by a known distance, a
// glyph drawn heavier measured back through the split, and weights in layout files.
#include <catch2/catch.hpp>

#include <cmath>

#include "ink/alignment/layout.h"
#include "ink/alignment/stroke_weight_ratio.h"
#include "ink/raster/stroke_weight.h"
#include "ink/styles/style_layouts.h"
#include "test_helpers.h"

using namespace ink;

namespace {

// A round-capped line `width` px wide from (12, 20) to (12 + length, 20 + length / 3), 64 px.
Coverage band(float width, float length) {
  Rasterizer rasterizer;
  Coverage c(64, 64);
  rasterizer.skeleton_px({{12, 20}, {12 + length, 20 + length / 3}}, width, 1, 1, c);
  return c;
}

float length_of_band(float length) { return std::hypot(length, length / 3); }

}  // namespace

TEST_CASE("a band's width is read back from its area and its median's length", "[weight]") {
  for (float width : {2.0f, 4.0f, 7.0f}) {
    INFO("width " << width);
    CHECK(band_width(band(width, 36).sum(), length_of_band(36)) == Approx(width).epsilon(0.06));
  }
  CHECK(band_width(static_cast<float>(M_PI) * 9, 0) == Approx(6).epsilon(1e-4));  // a dot: a disc's diameter
  CHECK(band_width(0, 10) == 0);
}

TEST_CASE("moving a stroke's edge widens or thins it by twice the distance, and keeps paper paper", "[weight]") {
  const Coverage four = band(4, 36);
  const float length = length_of_band(36);
  CHECK(band_width(offset_edge(four, 1).sum(), length) == Approx(6).epsilon(0.06));
  CHECK(band_width(offset_edge(four, 0.5f).sum(), length) == Approx(5).epsilon(0.06));
  CHECK(band_width(offset_edge(four, -0.5f).sum(), length) == Approx(3).epsilon(0.08));
  CHECK(offset_edge(four, 0).values == four.values);
  // Growing only adds ink, thinning only takes it away.
  const Coverage grown = offset_edge(four, 1.5f), thinned = offset_edge(four, -1);
  for (size_t i = 0; i < four.values.size(); ++i) {
    CHECK(grown.values[i] >= four.values[i]);
    CHECK(thinned.values[i] <= four.values[i]);
  }
  const Coverage blank(64, 64);
  CHECK(offset_edge(blank, 2).values == blank.values);
  // A thinning takes at most a third of the width; a hairline stays a line.
  CHECK(edge_offset_for(6, 2) == Approx(-1));
  CHECK(edge_offset_for(6, 8) == Approx(1));
  CHECK(band_width(reweighted(four, inked_area(four), length, 1.5f).sum(), length) == Approx(6).epsilon(0.06));
  CHECK(band_width(reweighted(four, inked_area(four), length, 0.75f).sum(), length) == Approx(3).epsilon(0.08));
  // Never against the weight: a stroke already heavier than a heavy hand's stays as written.
  const Coverage seven = band(7, 36);
  CHECK(reweighted(seven, inked_area(four), length, 1.25f).values == seven.values);
  CHECK(reweighted(band(2, 36), inked_area(four), length, 0.8f).values == band(2, 36).values);
  // Even: onto the weight from either side, as a regular brush writes.
  CHECK(band_width(reweighted(seven, inked_area(four), length, 1.25f, true).sum(), length) == Approx(5).epsilon(0.08));
  const Coverage three = band(3, 36), grown_onto = reweighted(three, inked_area(four), length, 1.0f, true);
  const float width_three = band_width(three.sum(), length), width_four = band_width(four.sum(), length);
  CHECK(std::abs(band_width(grown_onto.sum(), length) - width_four) < std::abs(width_three - width_four) / 2);
  for (size_t i = 0; i < three.values.size(); ++i) CHECK(grown_onto.values[i] >= three.values[i]);
  // Thinned onto it, a third of the width at most.
  CHECK(band_width(reweighted(seven, inked_area(four), length, 1.0f, true).sum(), length) == Approx(7 * 2 / 3.0).epsilon(0.06));
}

TEST_CASE("a glyph drawn heavier or lighter measures its weight back through the split", "[weight]") {
  const Glyph& glyph = test::sample_library().glyph(U'春');
  Rasterizer rasterizer;
  const StrokeSplit same = split_by_alignment(rasterizer.fill_glyph(glyph, 128), glyph);
  REQUIRE(measure_weight(same, glyph));
  CHECK(*measure_weight(same, glyph) == Approx(1).margin(0.02));
  // The fit takes a little of a heavier glyph's weight as size (its ink spreads further), so the
  // weight is measured at the fitted size: the inked area is what must match.
  for (float weight : {0.7f, 1.3f, 1.6f}) {
    INFO("drawn " << weight << " times as heavy");
    const StrokeSplit split = split_by_alignment(fill_weighted(glyph, weight, 128), glyph);
    const Alignment& fit = split.alignment;
    const float grown = fit.scale_x * fit.scale_y / (same.alignment.scale_x * same.alignment.scale_y);
    CHECK(*measure_weight(split, glyph) * grown == Approx(weight).epsilon(0.05));
  }
  // Many characters' evidence moves the weight; few barely do.
  CHECK(typical_weight({1.5f, 1.6f, 1.7f}, 3) == Approx(std::pow(1.6, 0.5)).epsilon(1e-5));
  CHECK(typical_weight(std::vector<float>(97, 1.6f), 3) == Approx(std::pow(1.6, 0.97)).epsilon(1e-5));
  CHECK(typical_weight({}) == 1);
  CHECK(!weight_to_keep(1.04f));
  CHECK(!weight_to_keep(0.96f));
  CHECK(*weight_to_keep(1.2f) == 1.2f);
  Layout heavier;
  heavier.weight = 1.6f;
  CHECK(*scaled_layout(heavier, 0.5).weight == Approx(std::sqrt(1.6f)));
  CHECK(!scaled_layout(Layout{}, 0.5).weight);
}

TEST_CASE("a layout's stroke weight round-trips, files without one keep the model's weight, and a wild one is refused", "[weight][errors]") {
  test::TempDir dir;
  StyleLayouts layouts;
  layouts["seto"].weight = 1.24f;
  layouts["kouzan"].rotation = -0.06f;
  save_layouts(dir / "layouts.json", layouts, "a test");
  const StyleLayouts back = load_layouts(dir / "layouts.json");
  REQUIRE(back.at("seto").weight);
  CHECK(*back.at("seto").weight == 1.24f);
  CHECK(!back.at("kouzan").weight);
  test::write_text(dir / "bad.json", R"({"format": "hanzi-ink layouts", "version": 1, "layouts": {"seto": )"
                                     R"({"shift": [0, 0], "scale": [1, 1], "rotation": 0, "stroke_weight": 12}}})");
  CHECK_THROWS_WITH(load_layouts(dir / "bad.json"), Catch::Contains("bad.json") && Catch::Contains("stroke weight 12.000000 out of range"));
}
