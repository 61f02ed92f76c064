#include <catch2/catch.hpp>

#include "ink/render/image.h"
#include "ink/render/sheet.h"
#include "test_helpers.h"

using namespace ink;

namespace {

bool is_vermilion(Rgb c) { return c.r > 150 && c.g < 110 && c.b < 100; }
bool is_ink(Rgb c) { return c.r < 80 && c.g < 80 && c.b < 80; }

}  // namespace

TEST_CASE("the stroke sheet shows each step's new stroke in red where that stroke is", "[sheet]") {
  const Glyph& g = test::sample_library().glyph(U'干');
  SheetOptions options;
  options.cell_px = 96;
  const Image sheet = render_stroke_sheet({g}, options);
  const SheetLayout layout{options};
  CHECK(sheet.width == layout.cell_left(4) - layout.gap + layout.margin);  // model cell + 3 steps
  CHECK(sheet.height == layout.row_top(1) - layout.gap + layout.margin);

  Rasterizer r;
  const BoxToPixels m = BoxToPixels::cell(0, 0, 96, 0.06f);
  for (int step = 0; step < 3; ++step) {
    const int left = layout.cell_left(step + 1), top = layout.row_top(0);
    size_t stroke_pixels = 0, red_on_stroke = 0, red = 0, earlier_pixels = 0, ink_on_earlier = 0;
    const Coverage stroke = r.fill(g.strokes[step].outline, m, 96, 96);
    Coverage earlier(96, 96);
    for (int k = 0; k < step; ++k) r.fill(g.strokes[k].outline, m, earlier);
    for (int y = 0; y < 96; ++y)
      for (int x = 0; x < 96; ++x) {
        const Rgb c = sheet.at(left + x, top + y);
        const bool on_stroke = stroke.at(x, y) > 0.5f;
        const bool only_earlier = earlier.at(x, y) > 0.5f && stroke.at(x, y) == 0.0f;  // not under the red
        stroke_pixels += on_stroke;
        red += is_vermilion(c);
        red_on_stroke += on_stroke && is_vermilion(c);
        earlier_pixels += only_earlier;
        ink_on_earlier += only_earlier && is_ink(c);
      }
    INFO("step " << step << ": " << red_on_stroke << "/" << stroke_pixels << " red on the stroke, " << red
                 << " red in all, " << ink_on_earlier << "/" << earlier_pixels << " ink on earlier strokes");
    CHECK(red_on_stroke > 0.85 * stroke_pixels);  // the new stroke is red (less where its number sits)...
    CHECK(red < red_on_stroke + 150);              // ...and little else is: the number, and edges
    CHECK(ink_on_earlier >= 0.85 * earlier_pixels);  // earlier strokes in ink
  }
  // The model cell shows the whole character in ink and no red.
  size_t model_red = 0;
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 96; ++x) model_red += is_vermilion(sheet.at(layout.cell_left(0) + x, layout.row_top(0) + y));
  CHECK(model_red == 0);
}

TEST_CASE("PNG files are written whole and read back identical", "[sheet][png]") {
  test::TempDir dir;
  const Image sheet = render_stroke_sheet({test::sample_library().glyph(U'永')}, SheetOptions{64, 14});
  write_png(sheet, dir / "永.png");
  const Image back = read_image(dir / "永.png");
  CHECK(back.width == sheet.width);
  CHECK(back.height == sheet.height);
  CHECK(back.pixels == sheet.pixels);
  CHECK_THROWS_WITH(write_png(sheet, dir / "missing" / "x.png"), Catch::Contains("cannot write"));
  test::write_text(dir / "broken.png", "\x89PNG\r\n\x1a\n garbage");
  CHECK_THROWS_WITH(read_image(dir / "broken.png"), Catch::Contains("broken.png: cannot read image"));

  // An empty IDAT chunk before the image data is valid PNG and changes nothing (stb would copy
  // its zero bytes into a buffer not yet allocated: the sanitizer run catches that).
  std::string bytes = test::read_text(dir / "永.png");
  const size_t data = bytes.find("IDAT");
  REQUIRE(data != std::string::npos);
  bytes.insert(data - 4, std::string("\0\0\0\0IDAT\x35\xaf\x06\x1e", 12));
  const Image padded = decode_image(bytes, "padded.png");
  CHECK(padded.width == sheet.width);
  CHECK(padded.pixels == sheet.pixels);
}

TEST_CASE("only PNG, JPEG and BMP are decoded; other formats are one line naming the file", "[sheet][png][errors]") {
  // A 16-bit PGM whose header promises more than it holds: stb's PNM decoder reads past the end.
  const std::string pnm("P59099\r999\n9999\0", 16);
  CHECK_THROWS_WITH(decode_image(pnm, "x.pgm"), "x.pgm: cannot read image: not a PNG, JPEG or BMP file");
  CHECK_THROWS_WITH(decode_image("GIF89a\x01\x00\x01\x00", "x.gif"), Catch::Contains("not a PNG, JPEG or BMP"));
  CHECK_THROWS_WITH(decode_image("", "empty.png"), Catch::Contains("empty.png: cannot read image"));
  const Image stroke = read_image(test::source_dir() / "fuzz/corpus/image/stroke.jpg");
  CHECK(stroke.width > 0);
}
