// Splitting an image of a character into its strokes by alignment (docs/styles.md, "Splitting
// a glyph into strokes"): fit a transform that lays the reference strokes over the ink, then
// give every ink pixel to a reference stroke: the aligned strokes claim the pixels they cover
// (both, where they cross), each keeps only its largest connected claim, and the rest of the
// ink goes to the stroke nearest along the ink (geodesic), so every stroke stays contiguous.
// Carried back onto the reference, each stroke is then settled by its own small shift.
#pragma once
#include <vector>

#include "ink/data/glyph.h"
#include "ink/raster/raster.h"

namespace ink {

// Reference (the 1024 box, y up) to image pixels (continuous, y down):
// image = image_centre + shift + R(rotation) * diag(scale_x, scale_y) * (ref - ref_centre),
// where ref is in reference-raster pixels (y down) and the centres are the ink centroids.
struct Alignment {
  Point ref_centre, image_centre, shift;
  float scale_x = 1, scale_y = 1, rotation = 0;  // rotation in radians
  float iou = 0;  // ink vs the aligned reference glyph, thresholded at 0.5

  Point to_image(Point ref_px) const;
  Point to_reference(Point image_px) const;
};

struct StrokeSplit {
  Alignment alignment;
  std::vector<Coverage> strokes;  // one per reference stroke, the image's size; overlap at crossings
  std::vector<int> owner;         // per pixel: the stroke it was given to (-1: no ink)
  // Smallest share, over strokes, of a stroke's aligned reference area that found ink: near 0
  // means a stroke of the reference is missing from the image (another form of the character).
  float weakest_stroke = 0;
  // Per stroke, the shift (reference-raster pixels) that settles it, carried back, onto its
  // reference stroke: the font's or hand's own placement left out (stroke_settling.h).
  std::vector<Point> stroke_offsets;
};

// The reference raster's size: the 1024 box drawn at this many pixels for the fit.
constexpr int kReferenceRaster = 256;

// `ink`: 0..1 coverage (a rendered glyph or extract_ink's output), any size. Throws InkError if
// the glyph has no strokes or the image no ink.
StrokeSplit split_by_alignment(const Coverage& ink, const Glyph& reference);

// The split's strokes resampled into the 1024 box at `size` px through `frame` (image pixels
// from reference), each moved by its stroke offset; the split's own alignment carries the
// strokes back onto the reference's.
std::vector<Coverage> frame_strokes(const StrokeSplit& split, const Alignment& frame, int size);

// The reference strokes laid over the image by `alignment` (width x height), e.g. as the truth to
// check a split against when the image is not the data's own font.
std::vector<Coverage> aligned_reference_strokes(const Glyph& reference, const Alignment& alignment, int width, int height);

// Share of ink pixels (owner >= 0) whose owner is one of the strokes that truly cover them
// (`truth`: per-stroke coverage on the same pixels; pixels no true stroke covers are skipped).
float split_agreement(const StrokeSplit& split, const std::vector<Coverage>& truth);

}  // namespace ink
