// Practice-grid photos where the truth is known: a font's glyph written in a printed 田字格,
// photographed turned, off centre and unevenly lit; found, cut, and split as a framed photo is.
#include <catch2/catch.hpp>
#include <cmath>

#include "ink/base/utf8.h"
#include "ink/raster/font.h"
#include "ink/render/image.h"
#include "ink/styles/grid_square.h"
#include "ink/styles/ink_extraction.h"
#include "ink/styles/style_images.h"
#include "ink/styles/synthetic_photo.h"
#include "test_helpers.h"

using namespace ink;

namespace {

constexpr float kDegree = 3.14159265f / 180;

PhotoOptions grid_photo_options(uint64_t seed, PrintedGrid grid = PrintedGrid::sheet) {
  PhotoOptions options = random_photo_options(seed);
  options.grid = grid, options.scale *= 0.9f;  // as ink-data photos --grid makes them
  return options;
}

// The options' box square, where place_outline puts it.
GridSquare true_square(const PhotoOptions& o) {
  return {o.width * (0.5f + o.offset_x), o.height * (0.5f + o.offset_y), std::min(o.width, o.height) * 0.8f * o.scale,
          o.rotation_degrees * kDegree};
}

Image swap_red_and_green(Image photo) {
  for (size_t i = 0; i < photo.pixels.size(); i += 3) std::swap(photo.pixels[i], photo.pixels[i + 1]);
  return photo;
}

}  // namespace

TEST_CASE("a practice grid's square is found in a turned, off-centre photo, red or green, alone or on a sheet", "[grid]") {
  const FontFace font = FontFace::open_family("LXGW WenKai");
  for (uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    for (PrintedGrid grid : {PrintedGrid::square, PrintedGrid::sheet}) {
      PhotoOptions options = grid_photo_options(seed * 7919u, grid);
      options.width = 320, options.height = 280;
      const Image photo = render_photo({font.glyph_outline(U'永')}, options);
      const GridSquare truth = true_square(options);
      for (const Image& printed : {photo, swap_red_and_green(photo)}) {
        const std::optional<GridSquare> found = find_grid_square(printed);
        INFO("seed " << seed << (grid == PrintedGrid::sheet ? ", on a sheet" : ", alone") << ": turned " << options.rotation_degrees
                     << " degrees, side " << truth.side);
        REQUIRE(found);
        CHECK(std::hypot(found->centre_x - truth.centre_x, found->centre_y - truth.centre_y) < 1.5f);
        CHECK(found->side == Approx(truth.side).epsilon(0.015));
        CHECK(std::fabs(found->rotation - truth.rotation) < 0.3f * kDegree);
      }
    }
  }
}

TEST_CASE("a grid photo cut to its square shows what a framed photo of it shows, without the grid", "[grid]") {
  const FontFace font = FontFace::open_family("LXGW WenKai");
  for (char32_t c : std::u32string(U"永中满")) {
    PhotoOptions options = grid_photo_options(c);
    const std::optional<GridSquare> found = find_grid_square(render_photo({font.glyph_outline(c)}, options));
    REQUIRE(found);
    const Image cut = cut_grid_square(render_photo({font.glyph_outline(c)}, options), *found);
    REQUIRE(cut.width == cut.height);
    // The same glyph framed: the box is the whole photo, upright.
    PhotoOptions framed = options;
    framed.grid = PrintedGrid::none, framed.width = framed.height = cut.width;
    framed.rotation_degrees = 0, framed.scale = 1.25f, framed.offset_x = framed.offset_y = 0;
    Rasterizer rasterizer;
    Coverage truth(cut.width, cut.height);
    rasterizer.fill(place_outline(font.glyph_outline(c), framed), BoxToPixels{1, 0, 0}, truth);
    const InkExtraction ink = extract_ink(cut, "cut");
    INFO(encode_utf8(c));
    CHECK(coverage_iou(ink.ink, truth) > 0.85f);
    // Nothing of the printed lines is left as ink: the border's and the middle cross's pixels
    // away from the writing are paper.
    size_t line_ink = 0, line_pixels = 0;
    for (int k = 0; k < cut.width; ++k)
      for (const auto& [x, y] : {std::pair{k, 1}, std::pair{1, k}, std::pair{k, cut.width / 2}, std::pair{cut.width / 2, k}})
        if (truth.at(x, y) == 0) ++line_pixels, line_ink += ink.ink.at(x, y) > 0.5f;
    CHECK(line_pixels > 100);
    CHECK(line_ink < line_pixels / 50);
  }
}

TEST_CASE("a photo without a grid, or on coloured paper, has no grid square, said with the file's name", "[grid]") {
  test::TempDir dir;
  const FontFace font = FontFace::open_family("LXGW WenKai");
  PhotoOptions plain = random_photo_options(11);
  const Image photo = render_photo({font.glyph_outline(U'中')}, plain);
  CHECK_FALSE(find_grid_square(photo));
  CHECK_FALSE(find_grid_square(Image(200, 200, Rgb{200, 40, 40})));  // red paper
  CHECK_FALSE(find_grid_square(Image(8, 8, Rgb{255, 255, 255})));
  write_png(photo, dir / "中_1.png");
  const StyleImageSet set = split_style_images({dir / "中_1.png"}, test::sample_library(), 64, StrokePlacement::in_place, ImageSquare::grid);
  REQUIRE(set.problems.size() == 1);
  CHECK_THAT(set.problems[0], Catch::Contains("中_1.png: no practice-grid square found"));
}

TEST_CASE("grid photos split in place as framed photos of the same writing do", "[grid][alignment]") {
  test::TempDir dir;
  const FontFace font = FontFace::open_family("LXGW WenKai");
  const std::u32string chars = U"中春满";  // WenKai's 永 sits at the split's 15% gate, framed or not
  std::filesystem::create_directories(dir / "grid");
  std::filesystem::create_directories(dir / "framed");
  for (char32_t c : chars) {
    PhotoOptions options = grid_photo_options(c * 3u);
    options.width = options.height = 256;
    write_png(render_photo({font.glyph_outline(c)}, options), dir / "grid" / (encode_utf8(c) + "_1.png"));
    options.grid = PrintedGrid::none, options.width = options.height = 192;
    options.rotation_degrees = 0, options.scale = 1.25f, options.offset_x = options.offset_y = 0;
    write_png(render_photo({font.glyph_outline(c)}, options), dir / "framed" / (encode_utf8(c) + "_1.png"));
  }
  const StyleImageSet grid =
      split_style_images(list_image_files(dir / "grid"), test::sample_library(), 64, StrokePlacement::in_place, ImageSquare::grid);
  const StyleImageSet framed = split_style_images(list_image_files(dir / "framed"), test::sample_library(), 64, StrokePlacement::in_place);
  for (const std::string& problem : grid.problems) UNSCOPED_INFO(problem);
  REQUIRE(grid.images.size() == chars.size());
  REQUIRE(framed.images.size() == chars.size());
  for (size_t i = 0; i < chars.size(); ++i) {
    INFO(encode_utf8(grid.images[i].character));
    CHECK(coverage_iou(grid.images[i].ink, framed.images[i].ink) > 0.8f);
    for (size_t k = 0; k < grid.images[i].strokes.size(); ++k)
      CHECK(coverage_iou(grid.images[i].strokes[k], framed.images[i].strokes[k]) > 0.5f);
  }
}
