// A hand's layout: where it puts a character's strokes relative to the data's. The split's
// whole-character fit says it for one glyph (an affine map about the character's ink centre),
// and its settling offsets, undone, say where each stroke went beyond that. The structure half
// of a hand (docs/styles.md); the brush is the stroke model's.
#pragma once
#include <array>
#include <optional>
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/alignment/stroke_form.h"
#include "ink/alignment/stroke_tilt.h"
#include "ink/data/glyph.h"

namespace ink {

// In the 1024 box with y down (screen: x, kBoxTop - y), a point p of a character whose ink
// centre is c goes to c + shift + R(rotation) * diag(scale_x, scale_y) * (p - c), after each
// stroke has taken its kind's tilt (stroke_tilt.h).
struct Layout {
  Point shift;
  float scale_x = 1, scale_y = 1, rotation = 0;  // rotation in radians, clockwise on screen
  StrokeTilts tilts{};
  // Stroke width relative to the data's at this layout's scale (stroke_weight_ratio.h); the
  // writers move each written stroke toward it. None: the stroke model's own weight, as for a style
  // measured before weights were.
  std::optional<float> weight;
  // Whether the writers bring every written stroke onto that weight (the data's when none) from
  // either side, or only move it toward it. On for a regular brush (a Kai), whose strokes are as
  // wide as the ones they were given; off for a brush whose pressure varies, which keeps a stroke
  // pressed harder or lighter than the weight on the other side of it.
  bool even_weight = false;
  // Whether the structure model's stroke forms (longer, turned, bowed) are applied; its shifts
  // always are. Off for a style whose brush writes the data's stroke shapes closer to its glyphs
  // than the forms predicted for it.
  bool stroke_forms = true;
};

// The layout a split's fit found, for a glyph drawn in the box as BoxToPixels::square lays it
// out in an image `image_size` pixels square.
Layout layout_of_fit(const Alignment& fit, int image_size);

// Where the split found each stroke beyond the fit, in box units (screen): its settling offset,
// undone. One per stroke.
std::vector<Point> stroke_shifts_of(const StrokeSplit& split);

// Many characters' layouts as one (their placement; tilts are typical_stroke_tilts'): each
// parameter's median, so the characters a hand draws like
// the data (a Kai drawn from the same outlines) keep the identity and a few odd fits do not pull.
Layout typical_layout(const std::vector<Layout>& layouts);

// A character's ink as four numbers in box units (screen): its centre's x and y and its spread
// (standard deviation) along x and y, from coverage of the whole box drawn at any size.
using InkShape = std::array<float, 4>;
InkShape ink_shape(const Coverage& box_drawing);

// A hand's layout as a rule over characters: each of the hand's ink-shape numbers is a linear
// function of the data's for the same character, fitted over the characters it is learnt from.
// The slopes are drawn toward 1 by `prior` characters' worth of evidence, so a rule from four
// characters stays near a plain shift and scale. Rotation is the hand's typical slant.
struct LayoutRule {
  InkShape slope{1, 1, 1, 1}, intercept{0, 0, 0, 0};
  float rotation = 0;
};
LayoutRule fit_layout_rule(const std::vector<InkShape>& data, const std::vector<InkShape>& hand, float rotation,
                           float prior = 4);
// The layout the rule gives a character of this (data's) ink shape.
Layout layout_by_rule(const LayoutRule& rule, const InkShape& data);

// The layout taken `strength` of the way from the identity (0: the data's placement, 1: the
// hand's; shifts and rotation scale linearly, scales and weight geometrically).
Layout scaled_layout(const Layout& layout, double strength);
// The strokes' moves taken `strength` of the way (every number linearly).
std::vector<StrokeMove> scaled_moves(std::vector<StrokeMove> moves, double strength);

// Where a point of a stroke (screen box units) goes under `layout` after the stroke's `shift`, in
// a character whose ink centre is `centre`; tilts are the strokes' own (apply_stroke_tilts).
Point place_point(Point screen, Point centre, const Layout& layout, Point shift = {});

// The glyph's outlines and medians moved by `layout` about its ink centre, each stroke first
// taking its tilt and, when `moves` has one per stroke, its move. A glyph moved past the box's
// edge is moved (and, if it no longer fits, shrunk) back inside; `clamped` says so.
Glyph apply_layout(const Glyph& glyph, const Layout& layout, const std::vector<StrokeMove>& moves = {}, bool* clamped = nullptr);

// Each stroke of the glyph drawn `size` px square, its edge moved so its band width is `weight`
// times its own (stroke_weight.h), then all of them as one coverage.
Coverage fill_weighted(const Glyph& glyph, float weight, int size);

}  // namespace ink
