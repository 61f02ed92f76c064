// The colours of the sheets (stroke order and stroke splits), so both read as one family.
// Internal to src/core.
#pragma once
#include "ink/render/image.h"

namespace ink::sheet_colors {

constexpr Rgb kPaper{250, 246, 236};
constexpr Rgb kInk{28, 26, 24};
constexpr Rgb kVermilion{204, 46, 32};  // the stroke being taught
constexpr Rgb kFaint{222, 216, 204};    // strokes still to come
constexpr Rgb kGrid{214, 150, 140};

}  // namespace ink::sheet_colors
