// Coverage at the size it is shown (docs/design.md, Display): a stroke written at the model's
// 64 px drawn at 256-1024 px with an edge as sharp as a font rasteriser's.
#pragma once
#include "ink/raster/raster.h"

namespace ink {

// `source` (square) drawn `size` pixels square. Enlarging, the ink is read as a smooth field
// (Catmull-Rom) and each edge is drawn where the field crosses half its local ink, anti-aliased
// over one display pixel by its distance to that crossing: the edge stays as sharp at 1024 px as
// at 64, while ink lighter than full (a dry brush's grey, a hairline's tail) keeps its
// darkness. Shrinking, each pixel is the mean of the source under it.
Coverage upsample_coverage(const Coverage& source, int size);

// `source` enlarged bilinearly to `size` square, its grey and its soft edge as they are: what
// the detail stage reads beside the crisp edge.
Coverage bilinear_enlargement(const Coverage& source, int size);

}  // namespace ink
