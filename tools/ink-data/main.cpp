// ink-data: stroke data in, stroke-order sheets, datasets and statistics out.
#include <cstdio>
#include <cstring>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"

namespace {

constexpr const char* kUsage = R"(usage: ink-data COMMAND [OPTIONS]
  show TEXT --png FILE [--size PX]     stroke-order sheet: one cell per stroke step
  build --out DIR [--size 64] [--chars seen|heldout|all|CHARS] [--font FAMILY[,FAMILY...]]
        [--placement settled|in-place] [--shard-samples N] [--threads N]
                                       stroke-step and whole-glyph training shards; a font's
                                       strokes settled onto the data's, or where it draws them
  stats [--json FILE]                  counts, stroke-count histogram, held-out size
  pack --from DIR --out FILE [--version TEXT]
                                       pack hanzi-writer-data JSON into one .inkpack file
  heldout --write FILE                 regenerate the held-out list from the code-point hash
  peek SHARD --png FILE [--index I] [--zoom Z]
                                       one dataset sample's channels side by side
  split --font FAMILY [--chars heldout|seen|all|CHARS] [--limit N] [--size PX] [--sheet FILE] [--json FILE]
                                       split a font's glyphs into the data's strokes by alignment;
                                       agreement with the stroke data, a sheet to look at
  split IMAGE|DIR... [--size PX] [--sheet FILE] [--grid]
                                       split photos named after their character (春_1.png);
                                       --grid: each cut to its practice-grid square first, and
                                       a photo of a page named after its characters in reading
                                       order (春满干坤.jpg) cut into its written squares
  photos --font FAMILY --out DIR [--chars 春满干坤] [--variants 5] [--first 1] [--size 320] [--seed N]
         [--framed | --grid [--page]]
                                       a font's glyphs as calligraphy "photos" (rotation, scale,
                                       uneven light, paper, noise): CHAR_VARIANT.png; --framed:
                                       each exactly the glyph's square, as cut from a practice grid;
                                       --grid: written in a red practice-grid square (田字格);
                                       --page: all of them (up to 9) on one sheet, in reading
                                       order, CHARS_VARIANT.png (640 px)
  layout --fonts NAME=FAMILY,... [--fit-chars seen:400] [--chars 200] [--size 64] [--json FILE] [--save FILE]
         [--without-forms NAME,...] [--even-weight NAME,...]
                                       how much of each font's structure its layout (the median
                                       of its fits) carries: the data's strokes against the
                                       font's glyphs in place, moved and not; --save writes
                                       the typical layouts as a model's layouts.json, the
                                       --without-forms styles placed without stroke forms, the
                                       --even-weight ones (hanzi-writer-data too) with every
                                       stroke brought onto their weight
common: --data PATH   stroke data (.inkpack or a directory of JSON; default strokes/hanzi.inkpack)
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  ink::keep_freed_memory();
  return ink::cli::run_tool("ink-data", [&]() {
    ink::cli::Args args(argc, argv, 2);
    const std::string command = argv[1];
    if (command == "show") return ink::data_tool::show(args);
    if (command == "build") return ink::data_tool::build(args);
    if (command == "stats") return ink::data_tool::stats(args);
    if (command == "pack") return ink::data_tool::pack(args);
    if (command == "heldout") return ink::data_tool::heldout(args);
    if (command == "peek") return ink::data_tool::peek(args);
    if (command == "split") return ink::data_tool::split(args);
    if (command == "layout") return ink::data_tool::layout(args);
    if (command == "photos") return ink::data_tool::photos(args);
    throw ink::InkError("unknown command '" + command + "' (see ink-data --help)");
  });
}
