// The size the window draws each character at: the size its cell is shown, in steps.
#include <catch2/catch.hpp>

#include "cell_size.h"

using namespace ink;

TEST_CASE("characters are drawn at the step just above the size their cell is shown", "[cell_size]") {
  CHECK(app::display_step(1) == 64);
  CHECK(app::display_step(64) == 64);
  CHECK(app::display_step(65) == 96);
  CHECK(app::display_step(602) == 768);
  CHECK(app::display_step(5000) == 1024);
  // A 940 x 650 canvas, less its margin: one character fills the height, a hundred share the width.
  const float margin = 2 * kCanvasMargin;
  CHECK(app::shown_cell_px(940, 650, 1, false, {}) == Approx(650 - margin));
  CHECK(app::shown_cell_px(940, 650, 100, false, {}) == Approx((940 - margin) / 100));
  CHECK(app::shown_cell_px(940, 650, 2, true, {}) == Approx((650 - margin) / 2));
  Placement half;
  half.scale = 0.5f;
  CHECK(app::shown_cell_px(940, 650, 1, false, half) == Approx((650 - margin) / 2));
  CHECK(app::shown_cell_px(940, 650, 0, false, {}) == Approx(650 - margin));  // nothing yet: as one
}
