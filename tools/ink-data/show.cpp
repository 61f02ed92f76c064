// ink-data show: the stroke-order sheet of some characters, as a PNG.
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/render/sheet.h"

namespace ink::data_tool {

int show(cli::Args& args) {
  const auto png = args.value("png");
  SheetOptions options;
  options.cell_px = args.int_value("size", 128, 32, 1024);
  const StrokeLibrary library = cli::open_library(args);
  const std::string text = args.positional("TEXT (the characters to show)");
  args.finish();
  if (!png) throw InkError("show needs --png FILE");

  std::vector<Glyph> glyphs;
  for (char32_t c : decode_utf8(text, "TEXT")) {
    if (c == U' ') continue;
    glyphs.push_back(library.glyph(c));
  }
  if (glyphs.empty()) throw InkError("TEXT has no characters");
  const Image sheet = render_stroke_sheet(glyphs, options);
  write_png(sheet, *png);
  std::printf("wrote %s (%dx%d): stroke order of %s\n", png->c_str(), sheet.width, sheet.height, text.c_str());
  return 0;
}

}  // namespace ink::data_tool
