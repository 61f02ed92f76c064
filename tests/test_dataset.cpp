#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "ink/dataset/dataset.h"
#include "ink/dataset/shard.h"
#include "ink/dataset/stroke_step.h"
#include "ink/raster/font.h"
#include "ink/styles/ink_extraction.h"
#include "test_helpers.h"

using namespace ink;

namespace {

std::vector<char32_t> some_chars() { return {U'春', U'满', U'干', U'坤', U'永', U'霸'}; }

DatasetOptions options_for(const std::filesystem::path& dir, int threads) {
  DatasetOptions options;
  options.out_dir = dir;
  options.size = 32;
  options.chars = some_chars();
  options.samples_per_shard = 16;  // several shards, including a partial last one
  options.threads = threads;
  return options;
}

}  // namespace

TEST_CASE("a stroke-step sample holds the stroke, the canvas so far and the skeletons", "[dataset]") {
  const Glyph& g = test::sample_library().glyph(U'干');
  Rasterizer r;
  const GlyphPlanes planes = render_glyph_planes(g, r, 64);
  const size_t plane = 64 * 64;
  std::vector<uint8_t> sample(kStrokeStepChannels * plane);
  auto ink = [&](int channel) {
    size_t sum = 0;
    for (size_t i = 0; i < plane; ++i) sum += sample[channel * plane + i];
    return sum;
  };
  stroke_step_sample(planes, 0, sample.data());
  CHECK(ink(kTargetStroke) > 0);
  CHECK(ink(kCanvas) == 0);  // nothing written before the first stroke
  CHECK(ink(kStrokeSkeleton) > 0);
  CHECK(ink(kFutureSkeletons) > 0);
  stroke_step_sample(planes, 2, sample.data());
  CHECK(ink(kCanvas) > 0);
  CHECK(ink(kFutureSkeletons) == 0);  // nothing left to write after the last stroke
  // The target is exactly the stroke's coverage; the skeleton lies inside it.
  size_t skeleton_inside = 0, skeleton_total = 0;
  for (size_t i = 0; i < plane; ++i) {
    CHECK(sample[kTargetStroke * plane + i] == static_cast<uint8_t>(std::lround(planes.strokes[2].values[i] * 255)));
    if (sample[kStrokeSkeleton * plane + i] > 128) {
      ++skeleton_total;
      skeleton_inside += sample[kTargetStroke * plane + i] > 128;
    }
  }
  CHECK(skeleton_inside >= 0.9 * skeleton_total);
  CHECK_THROWS(stroke_step_sample(planes, 3, sample.data()));
}

TEST_CASE("dataset shards round-trip and match the samples built directly", "[dataset]") {
  test::TempDir dir;
  const auto& library = test::sample_library();
  const DatasetReport report = build_dataset(library, options_for(dir.path(), 2));
  size_t strokes = 0;
  for (char32_t c : some_chars()) strokes += library.glyph(c).strokes.size();
  CHECK(report.characters == 6);
  CHECK(report.stroke_steps == strokes);
  CHECK(report.whole_glyphs == 6);

  const auto manifest = nlohmann::json::parse(test::read_text(dir / "manifest.json"));
  CHECK(manifest["size"] == 32);
  CHECK(manifest["data_version"] == "sample");
  CHECK(manifest["stroke_step"]["samples"] == strokes);
  REQUIRE(manifest["stroke_step"]["shards"].size() == (strokes + 15) / 16);

  // Walk all stroke-step shards in order: they list each character's steps 0..N-1 in order.
  Rasterizer r;
  size_t index = 0;
  std::vector<uint8_t> expected(kStrokeStepChannels * 32 * 32);
  for (const auto& name : manifest["stroke_step"]["shards"]) {
    const Shard shard = Shard::read(dir / name.get<std::string>());
    CHECK(shard.channels() == kStrokeStepChannels);
    for (uint32_t i = 0; i < shard.count(); ++i, ++index) {
      const SampleMeta& meta = shard.meta(i);
      const Glyph& g = library.glyph(meta.codepoint);
      CHECK(meta.stroke_count == g.strokes.size());
      stroke_step_sample(render_glyph_planes(g, r, 32), meta.step, expected.data());
      CHECK(std::equal(expected.begin(), expected.end(), shard.planes(i)));
    }
  }
  CHECK(index == strokes);
}

TEST_CASE("dataset output is deterministic whatever the thread count", "[dataset]") {
  // Every sample character: more than one chunk of 32, so two threads really render side by side.
  test::TempDir one, two;
  DatasetOptions serial = options_for(one.path(), 1), parallel = options_for(two.path(), 2);
  serial.chars = parallel.chars = test::sample_library().codepoints();
  REQUIRE(serial.chars.size() > 32);
  build_dataset(test::sample_library(), serial);
  build_dataset(test::sample_library(), parallel);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(one.path())) {
    const auto name = entry.path().filename().string();
    INFO(name);
    CHECK(test::read_text(entry.path()) == test::read_text(two / name));
    ++files;
  }
  CHECK(files >= 4);
}

TEST_CASE("rebuilding into a directory removes shards the new manifest does not list", "[dataset]") {
  test::TempDir dir;
  auto options = options_for(dir.path(), 2);
  options.samples_per_shard = 4;
  build_dataset(test::sample_library(), options);
  options.samples_per_shard = 1000;
  build_dataset(test::sample_library(), options);
  size_t shards = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) shards += entry.path().extension() == ".shard";
  CHECK(shards == 2);  // one stroke-step shard and one whole-glyph shard
}

TEST_CASE("a font dataset has stroke steps and glyphs in the font's hand, one style per font", "[dataset]") {
  test::TempDir dir;
  auto options = options_for(dir.path(), 2);
  options.font_family = "hanzi-writer-data,wenkai=LXGW WenKai";
  const DatasetReport report = build_dataset(test::sample_library(), options);
  size_t data_steps = 0;
  for (char32_t c : options.chars) data_steps += test::sample_library().glyph(c).strokes.size();
  // The data's style has every step; the font's adds the characters whose glyphs split.
  CHECK(report.stroke_steps > data_steps);
  CHECK(report.whole_glyphs + report.skipped.size() == 2 * options.chars.size());
  CHECK(report.whole_glyphs >= 2 * options.chars.size() - 1);
  const auto manifest = nlohmann::json::parse(test::read_text(dir / "manifest.json"));
  CHECK(manifest["styles"] == nlohmann::json::array({"hanzi-writer-data", "wenkai"}));
  CHECK(manifest["version"] == kDatasetVersion);
  CHECK(manifest["stroke_step"]["samples_per_style"] ==
        nlohmann::json::array({data_steps, report.stroke_steps - data_steps}));

  // The font's strokes are carried onto the data's: the skeleton a writer is given runs inside
  // the stroke it is asked for (where WenKai draws it in its em box, much of it would not).
  size_t skeleton = 0, inside = 0;
  for (const auto& name : manifest["stroke_step"]["shards"]) {
    const Shard shard = Shard::read(dir / name.get<std::string>());
    const size_t plane = static_cast<size_t>(shard.size()) * shard.size();
    for (uint32_t i = 0; i < shard.count(); ++i) {
      if (shard.meta(i).style != 1) continue;
      const uint8_t* target = shard.planes(i);
      const uint8_t* bone = target + 2 * plane;  // the stroke_skeleton channel
      for (size_t p = 0; p < plane; ++p)
        if (bone[p] > 128) ++skeleton, inside += target[p] > 64;
    }
  }
  REQUIRE(skeleton > 0);
  CHECK(static_cast<double>(inside) / skeleton > 0.85);
}

namespace {

// Per style-1 stroke step of a dataset: the target, canvas and skeleton planes.
template <class Visit>
void for_font_steps(const std::filesystem::path& dir, Visit visit) {
  const auto manifest = nlohmann::json::parse(test::read_text(dir / "manifest.json"));
  for (const auto& name : manifest["stroke_step"]["shards"]) {
    const Shard shard = Shard::read(dir / name.get<std::string>());
    for (uint32_t i = 0; i < shard.count(); ++i)
      if (shard.meta(i).style == 1) visit(shard.meta(i), shard.planes(i), static_cast<size_t>(shard.size()) * shard.size());
  }
}

}  // namespace

TEST_CASE("an in-place font dataset keeps the font's strokes where it draws them, on skeletons moved onto them", "[dataset]") {
  test::TempDir settled_dir, in_place_dir;
  auto settled = options_for(settled_dir.path(), 2);
  settled.size = 64;
  settled.font_family = "hanzi-writer-data,wenkai=LXGW WenKai";
  auto in_place = settled;
  in_place.out_dir = in_place_dir.path();
  in_place.placement = StrokePlacement::in_place;
  build_dataset(test::sample_library(), settled);
  build_dataset(test::sample_library(), in_place);
  const auto manifest = nlohmann::json::parse(test::read_text(in_place_dir / "manifest.json"));
  CHECK(manifest["placement"] == "in-place");

  // The last step's canvas and target together are the font's glyph where it draws it.
  const FontFace font = FontFace::open_family("LXGW WenKai");
  Rasterizer rasterizer;
  auto glyph_iou = [&](const std::filesystem::path& dir) {
    std::vector<float> ious;
    for_font_steps(dir, [&](const SampleMeta& meta, const uint8_t* planes, size_t plane) {
      if (meta.step + 1 != meta.stroke_count) return;
      const int size = settled.size;
      Coverage written(size, size);
      for (size_t p = 0; p < plane; ++p) written.values[p] = std::max(planes[p], planes[plane + p]) / 255.0f;
      const Coverage drawn = rasterizer.fill(font.glyph_outline(meta.codepoint), BoxToPixels::square(2.0f * size), 2 * size, 2 * size);
      ious.push_back(coverage_iou(written, downsample(drawn, 2)));
    });
    return ious;
  };
  const std::vector<float> placed = glyph_iou(in_place_dir.path()), carried = glyph_iou(settled_dir.path());
  REQUIRE(placed.size() >= 4);
  for (float iou : placed) CHECK(iou > 0.9f);
  CHECK(std::accumulate(carried.begin(), carried.end(), 0.0f) / carried.size() < 0.75f);

  // Each stroke's skeleton, moved where the split found the stroke and settled onto it, runs
  // down it (as placed by the best overlap alone, about a fifth of it ran outside a stroke
  // thinner than the data's), where the data's skeleton (the settled dataset's) mostly would not.
  std::vector<std::vector<uint8_t>> targets;
  for_font_steps(in_place_dir.path(), [&](const SampleMeta&, const uint8_t* planes, size_t plane) {
    targets.emplace_back(planes, planes + kStrokeStepChannels * plane);
  });
  auto inside_share = [&](const std::filesystem::path& skeletons_dir) {
    size_t i = 0, skeleton = 0, inside = 0;
    for_font_steps(skeletons_dir, [&](const SampleMeta&, const uint8_t* planes, size_t plane) {
      REQUIRE(i < targets.size());
      for (size_t p = 0; p < plane; ++p)
        if (planes[2 * plane + p] > 128) ++skeleton, inside += targets[i][p] > 64;
      ++i;
    });
    CHECK(i == targets.size());
    return static_cast<double>(inside) / std::max<size_t>(skeleton, 1);
  };
  const double moved = inside_share(in_place_dir.path()), unmoved = inside_share(settled_dir.path());
  CHECK(moved > 0.9);
  CHECK(moved > unmoved + 0.15);

  // The data's own hand is the style whose layout is the identity: its samples do not move.
  const Shard a = Shard::read(settled_dir / "stroke_step-00000.shard"), b = Shard::read(in_place_dir / "stroke_step-00000.shard");
  REQUIRE(a.meta(0).style == 0);
  CHECK(std::equal(a.planes(0), a.planes(0) + kStrokeStepChannels * in_place.size * in_place.size, b.planes(0)));
}
