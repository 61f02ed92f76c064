// Practice-grid photos where the truth is known: a font's glyph written in a printed 田字格, or
// glyphs on a page of them, photographed turned, off centre and unevenly lit; found, cut, and
// split as a framed photo is.
#include <catch2/catch.hpp>
#include <cmath>
#include <tuple>
#include <vector>

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

namespace {

// A practice page: a sheet of 田字格 (three squares each way in full view) with a character
// written in four of them, photographed a little turned. Squares by (column, row) from the
// middle one, rows down.
const std::vector<std::tuple<int, int, char32_t>> kPageWriting = {{-1, -1, U'春'}, {1, -1, U'满'}, {0, 0, U'干'}, {-1, 1, U'坤'}};

PhotoOptions page_options() {
  PhotoOptions options = grid_photo_options(17);
  options.width = options.height = 640;
  options.scale = 0.3f, options.rotation_degrees = 2.5f, options.offset_x = 0.01f, options.offset_y = -0.015f;
  return options;
}

Image page_photo(const FontFace& font) {
  std::vector<Outline> writing;
  for (const auto& [column, row, c] : kPageWriting) writing.push_back(in_sheet_square(font.glyph_outline(c), column, row));
  return render_photo(writing, page_options());
}

}  // namespace

TEST_CASE("a practice page's squares are found in reading order, and which are written in", "[grid]") {
  const FontFace font = FontFace::open_family("LXGW WenKai");
  const Image photo = page_photo(font);
  const std::vector<GridSquare> squares = find_page_squares(photo);
  REQUIRE(squares.size() == 9);
  const PhotoOptions options = page_options();
  const GridSquare middle = true_square(options);
  const float c = std::cos(middle.rotation), s = std::sin(middle.rotation);
  for (int row = -1; row <= 1; ++row)
    for (int column = -1; column <= 1; ++column) {
      const GridSquare& found = squares[static_cast<size_t>((row + 1) * 3 + column + 1)];
      const float x = middle.centre_x + middle.side * (column * c - row * s), y = middle.centre_y + middle.side * (column * s + row * c);
      INFO("square (" << column << ", " << row << ")");
      CHECK(std::hypot(found.centre_x - x, found.centre_y - y) < 1.5f);
      CHECK(found.side == Approx(middle.side).epsilon(0.015));
      bool written = false;
      for (const auto& [wc, wr, ch] : kPageWriting) written = written || (wc == column && wr == row);
      CHECK(written_in(photo, found) == written);
    }
  // A photo of one square has no whole neighbours: its page is that square.
  PhotoOptions one = grid_photo_options(3, PrintedGrid::square);
  CHECK(find_page_squares(render_photo({font.glyph_outline(U'永')}, one)).size() == 1);
  CHECK(find_page_squares(Image(200, 200, Rgb{240, 240, 240})).empty());
}

TEST_CASE("a practice page named after its characters splits into one photo a character, in reading order", "[grid][alignment]") {
  test::TempDir dir;
  const FontFace font = FontFace::open_family("LXGW WenKai");
  write_png(page_photo(font), dir / "春满干坤.png");
  const StyleImageSet page =
      split_style_images({dir / "春满干坤.png"}, test::sample_library(), 64, StrokePlacement::in_place, ImageSquare::grid);
  for (const std::string& problem : page.problems) UNSCOPED_INFO(problem);
  REQUIRE(page.images.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    const char32_t c = std::get<2>(kPageWriting[i]);
    INFO(encode_utf8(c));
    CHECK(page.images[i].character == c);
    CHECK(page.images[i].file == dir / "春满干坤.png");
    // As a framed photo of the same glyph splits.
    PhotoOptions framed = random_photo_options(c);
    framed.width = framed.height = 192, framed.rotation_degrees = 0, framed.scale = 1.25f, framed.offset_x = framed.offset_y = 0;
    write_png(render_photo({font.glyph_outline(c)}, framed), dir / (encode_utf8(c) + "_framed.png"));
    const SplitImage alone = split_image_file(dir / (encode_utf8(c) + "_framed.png"), test::sample_library(), 64, StrokePlacement::in_place);
    CHECK(coverage_iou(page.images[i].ink, alone.ink) > 0.8f);
  }
  // Not as many written squares as the name's characters: the page is left out, saying so.
  std::filesystem::copy_file(dir / "春满干坤.png", dir / "春满干.png");
  const StyleImageSet short_name =
      split_style_images({dir / "春满干.png"}, test::sample_library(), 64, StrokePlacement::in_place, ImageSquare::grid);
  REQUIRE(short_name.problems.size() == 1);
  CHECK_THAT(short_name.problems[0], Catch::Contains("春满干.png: 4 of its 9 squares are written in, its name holds 3 characters (春满干)"));
  // Without --grid a name of several characters is refused, naming the way to take it.
  REQUIRE_THROWS_WITH(split_image_file(dir / "春满干坤.png", test::sample_library(), 64), Catch::Contains("takes --grid"));
}

namespace {

// Practice paper ruled straight onto an image: vermilion lines 2 px wide at each x in `columns`
// and each y in `rows`, across the whole sheet.
Image ruled_paper(int width, int height, const std::vector<int>& columns, const std::vector<int>& rows) {
  Image paper(width, height, Rgb{236, 231, 220});
  const auto print = [&](int x, int y) {
    uint8_t* p = &paper.pixels[(static_cast<size_t>(y) * width + x) * 3];
    p[0] = 222, p[1] = 70, p[2] = 56;
  };
  for (int x : columns)
    for (int y = 0; y < height; ++y) print(x, y), print(x + 1, y);
  for (int y : rows)
    for (int x = 0; x < width; ++x) print(x, y), print(x, y + 1);
  return paper;
}

}  // namespace

TEST_CASE("a page's squares are found past pinyin staff lines, gutters and a wide margin", "[grid]") {
  // Three squares of 100 px a row; above each row of squares, a pinyin staff of four lines.
  const std::vector<GridSquare> pinyin =
      find_page_squares(ruled_paper(360, 300, {20, 120, 220, 320}, {10, 18, 26, 34, 40, 140, 150, 158, 166, 174, 180, 280}));
  REQUIRE(pinyin.size() == 6);
  CHECK(pinyin[0].side == Approx(100).epsilon(0.02));
  CHECK(pinyin[0].centre_x == Approx(71).margin(1.5));
  CHECK(pinyin[0].centre_y == Approx(91).margin(1.5));
  CHECK(pinyin[5].centre_y == Approx(231).margin(1.5));
  // Squares with 10 px gutters between them: the gutters are not squares.
  const std::vector<GridSquare> gutters = find_page_squares(ruled_paper(360, 260, {20, 120, 130, 230, 240, 340}, {20, 120, 130, 230}));
  REQUIRE(gutters.size() == 6);
  CHECK(gutters[1].centre_x == Approx(181).margin(1.5));
  // A title's wide band above two rows of squares.
  const std::vector<GridSquare> titled = find_page_squares(ruled_paper(260, 420, {20, 120, 220}, {20, 200, 300, 400}));
  REQUIRE(titled.size() == 4);
  CHECK(titled[0].centre_y == Approx(251).margin(1.5));
  for (const std::vector<GridSquare>* page : {&pinyin, &gutters, &titled})
    for (const GridSquare& square : *page) CHECK_FALSE(written_in(ruled_paper(360, 420, {}, {}), square));
}
