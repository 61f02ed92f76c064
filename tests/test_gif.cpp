// GIF export, read back with giflib's decoder: looping, a small palette from paper to ink,
// frames that show the writing progress, and the size budget for a 13-stroke character.
#include <catch2/catch.hpp>
#include <gif_lib.h>

#include "ink/dataset/stroke_step.h"
#include "ink/render/gif.h"
#include "test_helpers.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const BrushTimeline> reference_timeline(char32_t c, int size) {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(c);
  const GlyphPlanes planes = render_glyph_planes(glyph, rasterizer, 64);
  std::vector<Polyline> medians;
  for (const Stroke& s : glyph.strokes) medians.push_back(s.median);
  return std::make_shared<BrushTimeline>(planes.strokes, medians, size);
}

struct DecodedGif {
  GifFileType* gif = nullptr;
  ~DecodedGif() {
    if (gif) DGifCloseFile(gif, nullptr);
  }
};

// Composes frames up to `index` (each frame draws only its changed rectangle).
std::vector<uint8_t> canvas_after(const GifFileType* gif, int index) {
  std::vector<uint8_t> canvas(static_cast<size_t>(gif->SWidth) * gif->SHeight, 0);
  for (int f = 0; f <= index; ++f) {
    const SavedImage& image = gif->SavedImages[f];
    const GifImageDesc& d = image.ImageDesc;
    for (int y = 0; y < d.Height; ++y)
      for (int x = 0; x < d.Width; ++x)
        canvas[static_cast<size_t>(d.Top + y) * gif->SWidth + d.Left + x] = image.RasterBits[y * d.Width + x];
  }
  return canvas;
}

size_t inked(const std::vector<uint8_t>& canvas) {
  size_t n = 0;
  for (uint8_t v : canvas) n += v >= 8;
  return n;
}

}  // namespace

TEST_CASE("a 13-stroke character at 512 px makes a looping GIF under 1 MB that shows the writing", "[gif]") {
  test::TempDir dir;
  const Page page = Page::row({reference_timeline(U'满', 512)});
  const GifReport report = write_page_gif(page, dir / "man.gif");
  CHECK(report.bytes < 1024 * 1024);
  CHECK(std::filesystem::file_size(dir / "man.gif") == report.bytes);
  CHECK((std::filesystem::status(dir / "man.gif").permissions() & std::filesystem::perms::others_read) != std::filesystem::perms::none);

  DecodedGif decoded;
  int error = 0;
  decoded.gif = DGifOpenFileName((dir / "man.gif").c_str(), &error);
  REQUIRE(decoded.gif);
  REQUIRE(DGifSlurp(decoded.gif) == GIF_OK);
  const GifFileType* gif = decoded.gif;
  CHECK(gif->SWidth == 512);
  CHECK(gif->SHeight == 512);
  CHECK(gif->ImageCount == report.frames);
  REQUIRE(gif->ImageCount > 50);
  CHECK(gif->SColorMap->ColorCount == 16);
  bool loops = false;
  // giflib files the extensions before the first image under that image.
  const SavedImage& opening = gif->SavedImages[0];
  for (int i = 0; i < opening.ExtensionBlockCount; ++i) {
    const ExtensionBlock& e = opening.ExtensionBlocks[i];
    loops = loops || (e.ByteCount == 11 && std::string(reinterpret_cast<char*>(e.Bytes), 11) == "NETSCAPE2.0");
  }
  CHECK(loops);
  // Ink only grows while writing, and the first frame is nearly bare paper.
  const size_t first = inked(canvas_after(gif, 0)), middle = inked(canvas_after(gif, gif->ImageCount / 2)),
               last = inked(canvas_after(gif, gif->ImageCount - 1));
  CHECK(first < last / 20);
  CHECK(middle > first);
  CHECK(last > middle);
}

TEST_CASE("a GIF that cannot be written says where and leaves nothing behind", "[gif]") {
  test::TempDir dir;
  const Page page = Page::row({reference_timeline(U'十', 64)});
  CHECK_THROWS_WITH(write_page_gif(page, dir / "no" / "such" / "dir.gif"), Contains("cannot write") && Contains("dir.gif"));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a GIF export reports each frame and can be cancelled, leaving no file", "[gif]") {
  test::TempDir dir;
  const Page page = Page::row({reference_timeline(U'十', 64)});
  GifOptions options;
  int calls = 0, total = 0;
  options.on_frame = [&](int done, int all) {
    ++calls;
    total = all;
    CHECK(done == calls);
    return true;
  };
  const GifReport report = write_page_gif(page, dir / "ten.gif", options);
  CHECK(calls == report.frames);
  CHECK(total == report.frames);

  options.on_frame = [](int done, int) { return done < 3; };
  CHECK_THROWS_WITH(write_page_gif(page, dir / "cancelled.gif", options), Contains("cancelled"));
  CHECK(!std::filesystem::exists(dir / "cancelled.gif"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}
