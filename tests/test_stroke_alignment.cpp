// Splitting by alignment where the truth is known: the stroke data's own font (gkai00mp), the
// same glyphs as noisy rotated "photos", and the bad images a user may hand over.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "ink/alignment/stroke_alignment.h"
#include "ink/base/utf8.h"
#include "ink/dataset/stroke_step.h"
#include "ink/raster/font.h"
#include "ink/render/image.h"
#include "ink/styles/ink_extraction.h"
#include "ink/styles/style_images.h"
#include "ink/styles/synthetic_photo.h"
#include "test_helpers.h"

using namespace ink;

namespace {

// Simplified characters of the committed sample that gkai00mp (GB2312) has.
const std::u32string kGbChars = U"一三东中书云人写北南和国坤";

std::vector<Coverage> data_strokes(const Glyph& glyph, const BoxToPixels& frame, int width, int height) {
  Rasterizer rasterizer;
  std::vector<Coverage> out;
  for (const Stroke& s : glyph.strokes) out.push_back(rasterizer.fill(s.outline, frame, width, height));
  return out;
}

}  // namespace

TEST_CASE("gkai00mp glyphs split into the stroke data's strokes on at least 95% of ink pixels", "[alignment]") {
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  Rasterizer rasterizer;
  const int size = 128;
  const BoxToPixels frame = BoxToPixels::square(size);
  for (char32_t c : kGbChars) {
    INFO(encode_utf8(c));
    const Glyph& glyph = test::sample_library().glyph(c);
    const Coverage ink = rasterizer.fill(font.glyph_outline(c), frame, size, size);
    const StrokeSplit split = split_by_alignment(ink, glyph);
    CHECK(split.strokes.size() == glyph.strokes.size());
    CHECK(split_agreement(split, data_strokes(glyph, frame, size, size)) >= 0.95f);
    CHECK(split.alignment.iou > 0.9f);
    // The font sits where the data does: the fit is close to the identity.
    CHECK(split.alignment.scale_x == Approx(size / 256.0f).epsilon(0.08));
    CHECK(std::abs(split.alignment.rotation) < 0.03f);
    for (const Coverage& stroke : split.strokes) CHECK(stroke.sum() > 0);
  }
}

TEST_CASE("a rotated, unevenly lit, noisy photo splits like the glyph it shows", "[alignment]") {
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  Rasterizer rasterizer;
  for (char32_t c : std::u32string(U"国写和")) {
    INFO(encode_utf8(c));
    const Glyph& glyph = test::sample_library().glyph(c);
    PhotoOptions options = random_photo_options(c);
    options.rotation_degrees = 3.5f, options.lighting = 0.35f, options.noise = 0.05f;
    const Image photo = render_photo({font.glyph_outline(c)}, options);
    const InkExtraction ink = extract_ink(photo, "photo");
    const StrokeSplit split = split_by_alignment(ink.ink, glyph);
    std::vector<Coverage> truth;
    for (const Stroke& s : glyph.strokes) truth.push_back(rasterizer.fill(place_outline(s.outline, options), BoxToPixels{1, 0, 0}, photo.width, photo.height));
    CHECK(split_agreement(split, truth) >= 0.93f);
    CHECK(split.alignment.rotation * 180 / 3.14159f == Approx(3.5f).margin(1.5f));
    // Carried back through the fit, the strokes sit where the data's do.
    const std::vector<Coverage> carried = frame_strokes(split, split.alignment, 64);
    Coverage glyph_ink(64, 64), data_ink(64, 64);
    for (const Coverage& s : carried) glyph_ink.max_with(s);
    for (const Coverage& s : data_strokes(glyph, BoxToPixels::square(64), 64, 64)) data_ink.max_with(s);
    CHECK(coverage_iou(glyph_ink, data_ink) > 0.6f);
  }
}

TEST_CASE("a stroke written off its place is settled back onto the data's stroke", "[alignment]") {
  // 国 from the data's own outlines, with its middle 横 (stroke 4) drawn 3 px right and 2 px up
  // at 128 px: the whole fit cannot move one stroke, the settling must.
  const Glyph& glyph = test::sample_library().glyph(U'国');
  const int size = 128, moved = 3;
  Rasterizer rasterizer;
  const BoxToPixels frame = BoxToPixels::square(size);
  Coverage ink(size, size);
  for (size_t k = 0; k < glyph.strokes.size(); ++k) {
    BoxToPixels place = frame;
    if (static_cast<int>(k) == moved) place.dx += 3, place.dy -= 2;
    rasterizer.fill(glyph.strokes[k].outline, place, ink);
  }
  StrokeSplit split = split_by_alignment(ink, glyph);
  REQUIRE(split.stroke_offsets.size() == glyph.strokes.size());
  // Reference-raster pixels are twice these image pixels.
  CHECK(split.stroke_offsets[moved].x == Approx(-6).margin(2));
  CHECK(split.stroke_offsets[moved].y == Approx(4).margin(2));
  for (size_t k = 0; k < glyph.strokes.size(); ++k)
    if (static_cast<int>(k) != moved) CHECK(std::hypot(split.stroke_offsets[k].x, split.stroke_offsets[k].y) <= 2.0f);

  const std::vector<Coverage> truth = data_strokes(glyph, BoxToPixels::square(64), 64, 64);
  const float settled = coverage_iou(frame_strokes(split, split.alignment, 64)[moved], truth[moved]);
  split.stroke_offsets.clear();
  const float unsettled = coverage_iou(frame_strokes(split, split.alignment, 64)[moved], truth[moved]);
  INFO("settled " << settled << " unsettled " << unsettled);
  // Not 1: where the moved 横 crosses the 王's 丨 off its place, the 丨 owns those pixels.
  CHECK(settled > 0.75f);
  CHECK(settled > unsettled + 0.2f);
}

TEST_CASE("ink extraction keeps the writing and drops lighting, paper and specks", "[alignment]") {
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  PhotoOptions options;
  options.lighting = 0.4f, options.noise = 0.06f, options.seed = 5;
  Image photo = render_photo({font.glyph_outline(U'中')}, options);
  photo.fill_rect(10, 10, 2, 2, Rgb{20, 20, 20});  // a speck far from the writing
  const InkExtraction ink = extract_ink(photo, "photo");
  Rasterizer rasterizer;
  Coverage truth(photo.width, photo.height);
  rasterizer.fill(place_outline(font.glyph_outline(U'中'), options), BoxToPixels{1, 0, 0}, truth);
  CHECK(coverage_iou(ink.ink, truth) > 0.85f);
  CHECK(ink.ink.at(10, 10) == 0.0f);
  CHECK(ink.ink.at(2, 2) == 0.0f);  // the dim corner is paper, not ink
}

TEST_CASE("a blank or uniform image has no ink, said with the file's name", "[alignment]") {
  PhotoOptions options;
  options.seed = 3;
  const Image blank = render_photo({}, options);
  REQUIRE_THROWS_WITH(extract_ink(blank, "blank.png"), Catch::Contains("blank.png") && Catch::Contains("no ink found"));
  REQUIRE_THROWS_WITH(extract_ink(Image(64, 64, Rgb{255, 255, 255}), "white.png"), Catch::Contains("no ink found"));
}

TEST_CASE("the character comes from the file name", "[alignment]") {
  CHECK(character_from_file_name("dir/春_1.png") == U'春');
  CHECK(character_from_file_name("春.jpg") == U'春');
  CHECK(character_from_file_name("春-b.png") == U'春');
  REQUIRE_THROWS_WITH(character_from_file_name("dir/spring_1.png"), Catch::Contains("dir/spring_1.png") && Catch::Contains("one character"));
  REQUIRE_THROWS_WITH(character_from_file_name("春天_1.png"), Catch::Contains("春天_1.png"));
}

TEST_CASE("a folder of images: each bad file is named once and the rest are split", "[alignment]") {
  test::TempDir dir;
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  write_png(render_photo({font.glyph_outline(U'国')}, random_photo_options(1)), dir / "国_1.png");
  write_png(render_photo({font.glyph_outline(U'中')}, random_photo_options(2)), dir / "center.png");  // not a character
  write_png(render_photo({}, random_photo_options(3)), dir / "中_blank.png");
  test::write_text(dir / "中_2.png", "not a png at all");
  write_png(render_photo({font.glyph_outline(U'永')}, random_photo_options(4)), dir / "齉_1.png");  // no stroke data in the sample
  write_png(render_photo({font.glyph_outline(U'一')}, random_photo_options(5)), dir / "国_2.png");  // the wrong character
  const StyleImageSet set = split_style_images(list_image_files(dir.path()), test::sample_library(), 64);
  for (const auto& image : set.images) UNSCOPED_INFO(image.file.string() << " fit " << image.split.alignment.iou << " weakest " << image.split.weakest_stroke);
  REQUIRE(set.images.size() == 1);
  CHECK(set.images[0].character == U'国');
  CHECK(set.images[0].strokes.size() == test::sample_library().glyph(U'国').strokes.size());
  REQUIRE(set.problems.size() == 5);
  const std::string all = [&] { std::string s; for (const auto& p : set.problems) s += p + "\n"; return s; }();
  CHECK_THAT(all, Catch::Contains("center.png: file name does not start with one character"));
  CHECK_THAT(all, Catch::Contains("中_blank.png: no ink found"));
  CHECK_THAT(all, Catch::Contains("中_2.png: cannot read image"));
  CHECK_THAT(all, Catch::Contains("齉_1.png: no stroke data"));
  CHECK_THAT(all, Catch::Contains("国_2.png: the ink does not match the strokes"));
  REQUIRE_THROWS_WITH(list_image_files(dir / "missing"), Catch::Contains("missing"));
}

TEST_CASE("framed photos split in place: strokes where the hand drew them, on skeletons placed there", "[alignment]") {
  test::TempDir dir;
  const FontFace font = FontFace::open_family("LXGW WenKai");
  const std::u32string chars = U"永中春满";
  for (char32_t c : chars) {
    PhotoOptions options = random_photo_options(c);
    options.width = options.height = 192;
    options.rotation_degrees = 0, options.scale = 1.25f, options.offset_x = options.offset_y = 0;  // the photo is the box
    write_png(render_photo({font.glyph_outline(c)}, options), dir / (encode_utf8(c) + "_1.png"));
  }
  const auto files = list_image_files(dir.path());
  const StyleImageSet placed = split_style_images(files, test::sample_library(), 64, StrokePlacement::in_place);
  const StyleImageSet carried = split_style_images(files, test::sample_library(), 64);
  for (const std::string& problem : placed.problems) UNSCOPED_INFO(problem);
  REQUIRE(placed.images.size() == chars.size());
  REQUIRE(carried.images.size() == chars.size());
  Rasterizer rasterizer;
  double placed_iou = 0, carried_iou = 0, moved = 0, unmoved = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    const SplitImage& image = placed.images[i];
    REQUIRE(image.skeletons);
    CHECK(!carried.images[i].skeletons);
    // The strokes together are the font's glyph where it draws it in the box.
    const Coverage drawn = downsample(rasterizer.fill(font.glyph_outline(image.character), BoxToPixels::square(128.0f), 128, 128), 2);
    placed_iou += coverage_iou(image.ink, drawn) / chars.size();
    carried_iou += coverage_iou(carried.images[i].ink, drawn) / chars.size();
    // The placed skeletons run down the strokes; the data's own, much less.
    const auto inside_share = [&](const Glyph& skeletons) {
      const GlyphPlanes planes = render_glyph_planes(skeletons, rasterizer, 64);
      size_t bone = 0, inside = 0;
      for (size_t k = 0; k < planes.skeletons.size(); ++k)
        for (size_t p = 0; p < planes.skeletons[k].values.size(); ++p)
          if (planes.skeletons[k].values[p] > 0.5f) ++bone, inside += image.strokes[k].values[p] > 0.25f;
      return static_cast<double>(inside) / std::max<size_t>(bone, 1) / chars.size();
    };
    moved += inside_share(*image.skeletons);
    unmoved += inside_share(test::sample_library().glyph(image.character));
  }
  UNSCOPED_INFO("in place " << placed_iou << " carried " << carried_iou << " skeletons " << moved << " / " << unmoved);
  CHECK(placed_iou > 0.85);
  CHECK(placed_iou > carried_iou + 0.1);
  CHECK(moved > 0.85);
  CHECK(moved > unmoved + 0.15);

  PhotoOptions oblong = random_photo_options(9);
  oblong.width = 192, oblong.height = 160;
  write_png(render_photo({font.glyph_outline(U'永')}, oblong), dir / "永_2.png");
  const StyleImageSet wrong = split_style_images({dir / "永_2.png"}, test::sample_library(), 64, StrokePlacement::in_place);
  REQUIRE(wrong.problems.size() == 1);
  CHECK_THAT(wrong.problems[0], Catch::Contains("永_2.png: 192x160 px; an image in place is its character's square"));
}
