// The training samples, as uint8 planes (0..255 = coverage 0..1, row 0 at the top):
//   stroke step k: [target stroke k | canvas: strokes < k | skeleton of k, ramped 0.25 -> 1 in
//                   writing direction | skeletons of strokes > k, same ramp]
//   whole glyph:   [target glyph | all skeletons, ramped by global order (k + t) / N]
// Both are built from one GlyphPlanes per character, so each stroke is rasterised once.
#pragma once
#include <cstdint>
#include <vector>

#include "ink/data/glyph.h"
#include "ink/raster/raster.h"

namespace ink {

enum StrokeStepChannel { kTargetStroke = 0, kCanvas = 1, kStrokeSkeleton = 2, kFutureSkeletons = 3 };
constexpr int kStrokeStepChannels = 4;
enum WholeGlyphChannel { kTargetGlyph = 0, kOrderedSkeletons = 1 };
constexpr int kWholeGlyphChannels = 2;

constexpr float kSkeletonRampStart = 0.25f;  // the entry stays visible; the exit is brightest

// Skeleton line width in pixels at a given resolution: thin, but never under one pixel.
float skeleton_width_px(int size);

struct GlyphPlanes {
  int size = 0;
  std::vector<Coverage> strokes;    // each stroke's filled outline
  std::vector<Coverage> skeletons;  // each stroke's median, ramped along itself
  Coverage ordered_skeletons;       // all medians, ramped by global writing order
  Coverage glyph;                   // union of all strokes
};

GlyphPlanes render_glyph_planes(const Glyph& glyph, Rasterizer& rasterizer, int size);

// Writes kStrokeStepChannels * size * size bytes for step k.
void stroke_step_sample(const GlyphPlanes& planes, int k, uint8_t* out);
// Writes kWholeGlyphChannels * size * size bytes; `target` overrides the glyph (a font's, say).
void whole_glyph_sample(const GlyphPlanes& planes, uint8_t* out, const Coverage* target = nullptr);

}  // namespace ink
