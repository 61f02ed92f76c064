// ink-data photos: a font's glyphs as calligraphy "photos" (small rotation, scale, offset,
// uneven light, paper texture, noise), named CHAR_VARIANT.png for ink-train --style-images, or
// all of them on one practice page, CHARS_VARIANT.png.
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/base/progress.h"
#include "ink/base/utf8.h"
#include "ink/raster/font.h"
#include "ink/styles/synthetic_photo.h"

namespace ink::data_tool {
namespace {

constexpr float kFillSide = 1.25f;  // PhotoOptions' box fills 80% of the side at scale 1
constexpr float kGridShrink = 0.9f;  // a grid's square, turned and offset, stays inside the photo
constexpr float kPageScale = 0.3f;   // a page's three squares each way, turned and offset, stay inside
constexpr int kPageSide = 3;         // squares a page row holds in full view

}  // namespace

int photos(cli::Args& args) {
  const auto family = args.value("font");
  const auto out = args.value("out");
  if (!family || !out) throw InkError("photos needs --font FAMILY --out DIR");
  const std::u32string chars = decode_utf8(args.value_or("chars", "春满干坤"), "--chars");
  if (chars.empty()) throw InkError("--chars is empty");
  const int variants = args.int_value("variants", 5, 1, 100);
  const bool framed = args.flag("framed");  // each photo exactly the glyph's square, as cut from a grid
  const bool grid = args.flag("grid");      // on practice paper: the glyph's square and the sheet's around it
  const bool page = args.flag("page");      // with --grid: every character on one sheet, in reading order
  const int size = args.int_value("size", page ? 640 : 320, 64, 4096);
  const int seed = args.int_value("seed", 1, 0, 1 << 30);
  const int first = args.int_value("first", 1, 0, 1 << 20);  // the first variant's number in file names
  args.finish();
  if (framed && grid) throw InkError("--framed and --grid: a framed photo is cut inside its grid; choose one");
  if (page && !grid) throw InkError("--page writes the characters in a practice grid's squares: give --grid too");
  if (page && chars.size() > kPageSide * kPageSide)
    throw InkError("--page: " + std::to_string(chars.size()) + " characters, a page photo shows " + std::to_string(kPageSide * kPageSide) +
                   " squares in full");
  const FontFace font = FontFace::open_family(*family);
  for (char32_t c : chars)  // before any photo is written
    if (!font.draws(c)) throw InkError("'" + *family + "' has no glyph for " + describe_char(c));
  std::error_code error;
  std::filesystem::create_directories(*out, error);
  if (error) throw InkError("cannot write '" + *out + "': " + error.message());
  // What each photo shows: one character, or a page of them, which fill the squares around the
  // middle one in rows from the top, each from the left.
  std::vector<std::u32string> shown;
  if (page) shown.push_back(chars);
  else
    for (char32_t c : chars) shown.push_back(std::u32string(1, c));
  ProgressBar bar("photos", shown.size() * variants);
  size_t written = 0;
  for (const std::u32string& text : shown) {
    for (int v = first; v < first + variants; ++v) {
      PhotoOptions options = random_photo_options(static_cast<uint64_t>(seed) * 1000003u + text[0] * 101u + v);
      options.width = options.height = size;
      if (framed) options.rotation_degrees = 0, options.scale = kFillSide, options.offset_x = options.offset_y = 0;
      if (grid) options.grid = PrintedGrid::sheet, options.scale *= page ? kPageScale : kGridShrink;
      std::vector<Outline> writing;
      for (size_t i = 0; i < text.size(); ++i) {
        const int column = page ? static_cast<int>(i % kPageSide) - 1 : 0, row = page ? static_cast<int>(i / kPageSide) - 1 : 0;
        writing.push_back(in_sheet_square(font.glyph_outline(text[i]), column, row));
      }
      write_png(render_photo(writing, options), std::filesystem::path(*out) / (encode_utf8(text) + "_" + std::to_string(v) + ".png"));
      bar.update(++written);
    }
  }
  bar.finish();
  std::printf("%zu photos of '%s' in %s\n", written, family->c_str(), out->c_str());
  return 0;
}

}  // namespace ink::data_tool
