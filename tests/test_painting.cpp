// Writing on a painting: the painting covers the canvas, the page is placed as the viewer places
// it, the ink lands there and nowhere else, and a GIF on a painting is in the painting's colours.
#include <catch2/catch.hpp>
#include <gif_lib.h>

#include "ink/render/gif.h"
#include "ink/render/painting.h"
#include "test_helpers.h"

using namespace ink;

namespace {

// Left half red, right half blue.
Image halves(int width, int height) {
  Image image(width, height, Rgb{200, 30, 30});
  image.fill_rect(width / 2, 0, width - width / 2, height, Rgb{30, 30, 200});
  return image;
}

// A timeline that is one inked square the size of its cell, written at once.
std::shared_ptr<const BrushTimeline> solid_cell(int size) {
  Coverage stroke(64, 64);
  for (float& v : stroke.values) v = 1.0f;
  return std::make_shared<BrushTimeline>(std::vector<Coverage>{stroke}, std::vector<Polyline>{{{0, 512}, {1024, 512}}}, size);
}

}  // namespace

TEST_CASE("a page is fitted inside the canvas less its margin, scaled and centred where the placement says", "[painting]") {
  const PlacedPage centred = place_page(1000, 300, 200, 100, Placement{});
  CHECK(centred.scale == Approx((300 - 2 * kCanvasMargin) / 100.0));  // the height binds
  CHECK(centred.left + 200 * centred.scale / 2 == Approx(500));
  CHECK(centred.top == Approx(kCanvasMargin));
  const PlacedPage wide = place_page(1000, 300, 400, 10, Placement{});
  CHECK(wide.scale == Approx((1000 - 2 * kCanvasMargin) / 400.0));  // the width binds
  const PlacedPage corner = place_page(1000, 300, 200, 100, Placement{0.25f, 0.75f, 0.5f});
  CHECK(corner.scale == Approx(centred.scale * 0.5));
  CHECK(corner.left + 200 * corner.scale / 2 == Approx(250));
  CHECK(corner.top + 100 * corner.scale / 2 == Approx(225));
}

TEST_CASE("a painting covers the canvas keeping its aspect, the overflow cut evenly", "[painting]") {
  const Image painting = halves(400, 100);
  // A square canvas shows the painting's middle 100 x 100: half red, half blue, still split in the middle.
  const Image square = cover_canvas(painting, 50, 50);
  CHECK(square.at(5, 25).r > 150);
  CHECK(square.at(44, 25).b > 150);
  // The same aspect: the whole painting, scaled.
  const Image same = cover_canvas(painting, 800, 200);
  CHECK(same.at(10, 10).r > 150);
  CHECK(same.at(790, 190).b > 150);
}

TEST_CASE("ink is laid where the page is placed and nowhere else, resampled to the canvas", "[painting]") {
  // Cells of 100 px are enlarged onto the canvas (bilinear), cells of 1000 px shrunk (averaged).
  for (const int cell : {100, 1000})
    for (const float scale : {0.3f, 0.9f}) {
      const Page page = Page::row({solid_cell(cell)});
      Image canvas(600, 400, Rgb{240, 240, 240});
      const PlacedPage at = place_page(canvas.width, canvas.height, page.width, page.height, Placement{0.3f, 0.5f, scale});
      lay_ink(canvas, page.darkness_at(page.duration() + 60), at, Rgb{0, 0, 0});
      const float side = static_cast<float>(cell) * at.scale;
      const int cx = static_cast<int>(at.left + side / 2), cy = static_cast<int>(at.top + side / 2);
      INFO("cell " << cell << ", scale " << scale);
      CHECK(canvas.at(cx, cy).r < 60);  // inked in the middle of the placed page
      CHECK(canvas.at(static_cast<int>(at.left) - 3, cy).r == 240);  // paper just outside
      CHECK(canvas.at(cx, static_cast<int>(at.top + side) + 3).r == 240);
      CHECK(canvas.at(5, 5).r == 240);
    }
}

TEST_CASE("a GIF on a painting is the painting's size and colours with the ink where the page is placed", "[painting][gif]") {
  test::TempDir dir;
  const Page page = Page::row({solid_cell(64)});
  GifOptions options;
  options.painting = std::make_shared<const Image>(halves(320, 200));
  options.placement = Placement{0.25f, 0.5f, 0.5f};
  const GifReport report = write_page_gif(page, dir / "painted.gif", options);
  CHECK(report.frames > 1);

  int error = 0;
  GifFileType* gif = DGifOpenFileName((dir / "painted.gif").c_str(), &error);
  REQUIRE(gif);
  REQUIRE(DGifSlurp(gif) == GIF_OK);
  CHECK(gif->SWidth == 320);
  CHECK(gif->SHeight == 200);
  // The finished canvas: compose every frame's changed rectangle.
  std::vector<uint8_t> canvas(320 * 200, 0);
  for (int f = 0; f < gif->ImageCount; ++f) {
    const SavedImage& image = gif->SavedImages[f];
    const GifImageDesc& d = image.ImageDesc;
    for (int y = 0; y < d.Height; ++y)
      for (int x = 0; x < d.Width; ++x) canvas[static_cast<size_t>(d.Top + y) * 320 + d.Left + x] = image.RasterBits[y * d.Width + x];
  }
  auto color = [&](int x, int y) { return gif->SColorMap->Colors[canvas[static_cast<size_t>(y) * 320 + x]]; };
  const PlacedPage at = place_page(320, 200, 64, 64, options.placement);
  const int cx = static_cast<int>(at.left + 32 * at.scale), cy = static_cast<int>(at.top + 32 * at.scale);
  CHECK(color(cx, cy).Red < 60);
  CHECK(color(cx, cy).Blue < 60);
  CHECK(color(10, 10).Red > 150);   // the painting's red half
  CHECK(color(300, 190).Blue > 150);  // and its blue half, untouched
  DGifCloseFile(gif, nullptr);
}
