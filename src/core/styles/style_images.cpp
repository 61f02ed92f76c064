// Style images: name -> character (a page's name -> its characters, its written squares cut out),
// photo -> ink -> split -> strokes carried back onto the reference's, with quality gates.
#include "ink/styles/style_images.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ink/alignment/placed_glyph.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/render/image.h"
#include "ink/styles/grid_square.h"
#include "ink/styles/ink_extraction.h"

namespace ink {
namespace {

constexpr int kMaxSplitSide = 384;     // photos are split at most this large
constexpr float kMinFit = 0.3f;        // aligned reference vs ink IoU below this: another character
constexpr float kMinStrokeShare = 0.15f;  // a reference stroke with less ink found is missing
// A fit that needs more stretch or turn than a hand or a camera gives is matching the wrong shape.
constexpr float kMaxStretch = 1.8f;
constexpr float kMaxRotation = 0.35f;  // radians, about 20 degrees

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// The file name's leading characters, up to '_', '-', '.' or ' ': one for a photo of a character,
// more for a page of them.
std::u32string characters_from_file_name(const std::filesystem::path& file) {
  const std::string stem = file.stem().string();
  std::u32string text;
  try {
    text = decode_utf8(stem, file.string());
  } catch (const InkError&) {
    throw InkError(file.string() + ": file name is not UTF-8; name images after their character, e.g. 春_1.png");
  }
  size_t end = 0;
  while (end < text.size() && text[end] != U'_' && text[end] != U'-' && text[end] != U'.' && text[end] != U' ') ++end;
  if (end == 0 || !std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), is_cjk))
    throw InkError(file.string() + ": file name does not start with one character (expected e.g. 春_1.png)");
  return text.substr(0, end);
}

// `photo` of `character`, which has stroke data (the photo is its square, in place), split into its
// strokes; errors start with `where`.
SplitImage split_photo(const Image& photo, char32_t character, const std::filesystem::path& file, const std::string& where,
                       const StrokeLibrary& library, int size, StrokePlacement placement) {
  SplitImage out;
  out.file = file;
  out.character = character;
  Coverage ink = extract_ink(photo, where).ink;
  const int side = std::max(ink.width, ink.height);
  if (side > kMaxSplitSide) ink = downsample(ink, (side + kMaxSplitSide - 1) / kMaxSplitSide);
  if (placement == StrokePlacement::in_place && ink.width != ink.height)
    throw InkError(where + ": " + std::to_string(ink.width) + "x" + std::to_string(ink.height) +
                   " px; an image in place is its character's square");
  out.split = split_by_alignment(ink, library.glyph(out.character));
  char detail[160];
  const Alignment& a = out.split.alignment;
  const float stretch = std::max(a.scale_x / a.scale_y, a.scale_y / a.scale_x);
  if (a.iou < kMinFit || out.split.weakest_stroke < kMinStrokeShare || stretch > kMaxStretch || std::abs(a.rotation) > kMaxRotation) {
    std::snprintf(detail, sizeof detail, " (fit IoU %.2f, weakest stroke %.0f%% found, stretched %.1fx, turned %.0f degrees)",
                  a.iou, 100 * out.split.weakest_stroke, stretch, a.rotation * 57.2958f);
    throw InkError(where + ": the ink does not match the strokes of " + describe_char(out.character) + detail);
  }
  if (placement == StrokePlacement::in_place) {
    Rasterizer rasterizer;
    out.skeletons = placed_glyph(library.glyph(out.character), out.split, rasterizer);
    // The image's square is the box: each stroke resampled where it lies, none moved.
    const float half_box = 0.5f * kReferenceRaster, half_image = 0.5f * static_cast<float>(ink.width);
    Alignment box;
    box.ref_centre = {half_box, half_box};
    box.image_centre = {half_image, half_image};
    box.scale_x = box.scale_y = half_image / half_box;
    StrokeSplit unsettled = out.split;
    unsettled.stroke_offsets.clear();
    out.strokes = frame_strokes(unsettled, box, size);
  } else {
    // Carried back onto the data's strokes, as the font styles are (dataset.cpp): the hand is
    // learnt as a brush, and the skeleton decides where each stroke goes.
    out.strokes = frame_strokes(out.split, out.split.alignment, size);
  }
  out.image_ink = std::move(ink);
  out.ink = Coverage(size, size);
  for (const Coverage& s : out.strokes) out.ink.max_with(s);
  return out;
}

}  // namespace

char32_t character_from_file_name(const std::filesystem::path& file) {
  const std::u32string characters = characters_from_file_name(file);
  if (characters.size() != 1)
    throw InkError(file.string() + ": file name does not start with one character (expected e.g. 春_1.png; a photo of a practice page, "
                   "named after its characters in reading order, takes --grid)");
  return characters[0];
}

SplitImage split_image_file(const std::filesystem::path& file, const StrokeLibrary& library, int size,
                            StrokePlacement placement, ImageSquare square) {
  const char32_t character = character_from_file_name(file);
  if (!library.contains(character)) throw InkError(file.string() + ": no stroke data for " + describe_char(character));
  Image photo = read_image(file);  // "FILE: cannot read image (...)"
  if (square == ImageSquare::grid) {
    const std::optional<GridSquare> printed = find_grid_square(photo);
    if (!printed)
      throw InkError(file.string() + ": no practice-grid square found (its lines printed in a colour, red or green, around the character)");
    photo = cut_grid_square(photo, *printed, kMaxSplitSide);
  }
  return split_photo(photo, character, file, file.string(), library, size, placement);
}

StyleImageSet split_page_file(const std::filesystem::path& file, const StrokeLibrary& library, int size, StrokePlacement placement) {
  const std::u32string characters = characters_from_file_name(file);
  for (char32_t c : characters)
    if (!library.contains(c)) throw InkError(file.string() + ": no stroke data for " + describe_char(c));
  const Image photo = read_image(file);
  const std::vector<GridSquare> squares = find_page_squares(photo);
  if (squares.empty()) throw InkError(file.string() + ": no practice-grid squares found (their lines printed in a colour, red or green)");
  std::vector<GridSquare> written;
  for (const GridSquare& square : squares)
    if (written_in(photo, square)) written.push_back(square);
  if (written.size() != characters.size())
    throw InkError(file.string() + ": " + std::to_string(written.size()) + " of its " + std::to_string(squares.size()) +
                   " squares are written in, its name holds " + std::to_string(characters.size()) + " characters (" +
                   encode_utf8(characters) + ")");
  StyleImageSet set;
  for (size_t i = 0; i < written.size(); ++i) {
    const std::string where = file.string() + ", square " + std::to_string(i + 1) + " (" + encode_utf8(characters[i]) + ")";
    try {
      set.images.push_back(split_photo(cut_grid_square(photo, written[i], kMaxSplitSide), characters[i], file, where, library, size, placement));
    } catch (const InkError& e) {
      set.problems.push_back(e.what());
    }
  }
  return set;
}

std::vector<std::filesystem::path> list_image_files(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) throw InkError("cannot read '" + dir.string() + "': " + error.message());
  std::vector<std::filesystem::path> files;
  for (const auto& entry : it) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw InkError("'" + dir.string() + "' has no images (png, jpg, bmp)");
  return files;
}

StyleImageSet split_style_images(const std::vector<std::filesystem::path>& files, const StrokeLibrary& library, int size,
                                 StrokePlacement placement, ImageSquare square) {
  StyleImageSet set;
  for (const auto& file : files) {
    try {
      if (square == ImageSquare::grid && characters_from_file_name(file).size() > 1) {
        StyleImageSet page = split_page_file(file, library, size, placement);
        for (SplitImage& image : page.images) set.images.push_back(std::move(image));
        for (std::string& problem : page.problems) set.problems.push_back(std::move(problem));
      } else {
        set.images.push_back(split_image_file(file, library, size, placement, square));
      }
    } catch (const InkError& e) {
      set.problems.push_back(e.what());
    }
  }
  return set;
}

}  // namespace ink
