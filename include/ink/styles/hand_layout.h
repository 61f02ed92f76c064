// A learnt hand's layout, from the splits of its images (ink-train --style-images). A photo's
// framing is the photographer's, so only what survives any framing is learnt: the hand's aspect
// (how much wider than tall it writes, relative to the data) and slant, from the characters'
// fits, its stroke tilts per kind (stroke_tilt.h), measured after each character's own fit, and
// its stroke weight (stroke_weight_ratio.h), a width relative to the character.
// Where a character sits in the square and how big stays the data's, unless the images are
// framed: each one exactly the square the character was written in (cut from a practice grid),
// which then says that too.
#pragma once
#include <string>
#include <vector>

#include "ink/alignment/layout.h"
#include "ink/data/stroke_library.h"
#include "ink/styles/style_images.h"

namespace ink {

struct HandLayout {
  Layout layout;
  size_t tilted_strokes = 0;  // strokes whose tilt could be measured
  bool tilts_kept = false;    // the tilts brought the data's strokes closer to the images' ink
};

// Each number is a median over the images, drawn toward the data's by three images' (or, for
// tilts, three strokes') worth of evidence. The tilts are kept only when, laid over each image
// by its fit, the tilted strokes match its ink better than the data's.
// `framed`: every image is its character's writing square; throws InkError naming the first
// image that is not square.
HandLayout learn_hand_layout(const std::vector<SplitImage>& images, const StrokeLibrary& library, bool framed = false);

// "aspect 1.06, slant -0.2 deg, stroke tilts (deg): horizontal +4.9, ..." for the tools to print
// (a framed hand's size and shift first).
std::string describe_layout(const Layout& layout);

}  // namespace ink
