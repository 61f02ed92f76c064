// Stroke weight: how wide a stroke is drawn, and drawing one wider or narrower. A hand's weight
// (a round heavy pen against a fine Kai) is part of its structure, not only of its brush
// (docs/styles.md, Stroke weight): it is measured as a width, and the writers bring each
// written stroke to the width the hand gives it by moving the stroke's edge.
#pragma once
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"

namespace ink {

// The mean width (px) of a stroke whose ink area is `area` (px², e.g. inked_area) drawn along a
// median `length_px` long, taking the stroke as a band with round ends: area = w L + pi w^2 / 4.
// A dot (length 0) is a disc. 0 for no ink.
float band_width(float area, float length_px);

// `ink` with its edge (the 0.5 contour) moved outward by `offset_px` (inward when negative), at
// a quarter-pixel's precision: each pixel's coverage changes by the share of it the edge sweeps,
// so a brush's texture stays where the edge does not move, and a small move changes little.
Coverage offset_edge(const Coverage& ink, float offset_px);

// How far to move a written stroke's edge so its width becomes `target_width_px`: half the
// difference, and a thinning never takes more than a third of the written width (a hairline
// stays a line).
float edge_offset_for(float written_width_px, float target_width_px);

// The pixels at or above half coverage: the ink the eye (and IoU) sees. A written stroke's soft
// fringe is not its width.
float inked_area(const Coverage& ink);

// Each stroke's median length in pixels, the box drawn `size` px square.
std::vector<float> median_lengths_px(const Glyph& glyph, int size);

// `written` (a stroke, or strokes along medians `length_px` long in all) with its edge moved
// toward a band width of `weight` times that of ink of area `given_area` (inked_area) along the
// same medians. Unless `even`, never against the weight: for a heavier hand a stroke the model
// wrote lighter grows and one it wrote heavier stays as written (the brush pressed there), and
// the other way round for a lighter hand. `even` moves it from either side (a regular brush).
Coverage reweighted(const Coverage& written, float given_area, float length_px, float weight, bool even = false);

}  // namespace ink
