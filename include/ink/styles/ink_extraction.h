// Ink from a photo or scan of calligraphy: dark ink on light paper, uneven lighting, paper
// texture, specks. The paper's brightness is estimated locally (so a shadow or a gradient is
// not ink), the darkness relative to it is thresholded by Otsu's method, and specks far from
// the writing are dropped. No torch, no fonts.
#pragma once
#include "ink/raster/raster.h"
#include "ink/render/image.h"

namespace ink {

struct InkExtraction {
  Coverage ink;           // 0..1 per pixel, the image's size
  float threshold = 0;    // Otsu's threshold on relative darkness
  float contrast = 0;     // median darkness of ink pixels: near 0 means no ink was found
  float ink_fraction = 0; // share of pixels that are ink
};

// Throws InkError "no ink found (...)" for a blank or near-uniform image; `where` names the
// file in that message.
InkExtraction extract_ink(const Image& photo, const std::string& where);

// Area-average downsampling by an integer factor (the last partial block averages what it has).
Coverage downsample(const Coverage& coverage, int factor);

}  // namespace ink
