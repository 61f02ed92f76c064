// A folder of calligraphy images as stroke-split samples for learning a hand: the file name
// gives the character (春_1.png, 春.jpg, 春-b.png; a practice page's gives its characters), each
// image is binarised, split by alignment against that character's reference strokes and carried
// back onto them, or, for images that are each their character's square (--framed), kept where
// the hand drew them. Bad files are reported one by one, naming the file, and the rest go on.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/data/stroke_library.h"
#include "ink/dataset/dataset.h"

namespace ink {

// The first character of the file name's stem, up to '_', '-' or '.'. Throws InkError naming the
// file when the name does not start with a single CJK character.
char32_t character_from_file_name(const std::filesystem::path& file);

// `placement` settled: the strokes carried back and settled onto the data's, whose skeletons
// the samples take; in_place: the strokes where the image draws them (the image is the box's
// square), and `skeletons` the data's strokes placed on them (placed_glyph.h).
struct SplitImage {
  std::filesystem::path file;
  char32_t character = 0;
  Coverage ink;                   // at `size`
  std::vector<Coverage> strokes;  // at `size`, in writing order
  std::optional<Glyph> skeletons;  // in place only
  StrokeSplit split;              // on the (downsampled) image itself, for sheets
  Coverage image_ink;             // what the split ran on
};

// What an image's square is: the whole image, or the printed square of the practice grid it
// shows, found and cut out first (grid_square.h).
enum class ImageSquare { whole, grid };

// Throws InkError "FILE: ..." for an unreadable image, a blank one, a character without stroke
// data, or an image the character's strokes do not fit; in place, for an image that is not square;
// from a grid, for an image whose grid is not found.
SplitImage split_image_file(const std::filesystem::path& file, const StrokeLibrary& library, int size,
                            StrokePlacement placement = StrokePlacement::settled, ImageSquare square = ImageSquare::whole);

struct StyleImageSet {
  std::vector<SplitImage> images;
  std::vector<std::string> problems;  // one line per file (or page's square) left out
};

// A photo of a practice page, named after the characters written on it in reading order (rows
// from the top, each from the left: 春满干坤.jpg): each written square found (grid_square.h), cut
// and split as a photo of its character; a square that does not split is a problem line "FILE,
// square N (春): ...". Throws InkError "FILE: ..." for a character without stroke data, an
// unreadable photo, no grid, or written squares not as many as the name's characters.
StyleImageSet split_page_file(const std::filesystem::path& file, const StrokeLibrary& library, int size, StrokePlacement placement);

// Every image file (png, jpg, jpeg, bmp) in `dir`, in name order. Throws InkError
// when the folder cannot be read or has no image files at all.
std::vector<std::filesystem::path> list_image_files(const std::filesystem::path& dir);
// Each file split; from a grid, a file whose name holds more than one character is a page
// (split_page_file).
StyleImageSet split_style_images(const std::vector<std::filesystem::path>& files, const StrokeLibrary& library, int size,
                                 StrokePlacement placement = StrokePlacement::settled, ImageSquare square = ImageSquare::whole);

}  // namespace ink
