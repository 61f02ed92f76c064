// The loss-curve picture: the log read as a resumed run leaves it, and the curves drawn where
// their values say, however many steps there are.
#include <catch2/catch.hpp>

#include <cmath>

#include "ink/render/loss_curve.h"
#include "test_helpers.h"

using namespace ink;

namespace {

bool is_vermilion(Rgb c) { return c.r > 150 && c.g < 110 && c.b < 100; }
bool is_ink(Rgb c) { return c.r < 80 && c.g < 80 && c.b < 80; }

// Mean row of the pixels that pass `test` in columns [from, to).
double mean_row(const Image& image, int from, int to, bool (*test)(Rgb)) {
  double sum = 0, count = 0;
  for (int y = 60; y < image.height - 60; ++y)
    for (int x = from; x < to; ++x)
      if (test(image.at(x, y))) sum += y, ++count;
  return count > 0 ? sum / count : -1;
}

}  // namespace

TEST_CASE("the training log is read one point per step, the later line winning, a cut line skipped", "[loss_curve]") {
  test::TempDir dir;
  test::write_text(dir / "train-log.jsonl",
                   "{\"step\": 1, \"loss\": 0.9, \"lr\": 0.0001}\n"
                   "{\"step\": 2, \"loss\": 0.8, \"lr\": 0.0002, \"eval_loss\": 0.85}\n"
                   "{\"step\": 3, \"loss\": 0.7, \"lr\": 0.0003}\n"
                   "{\"step\": 2, \"loss\": 0.75, \"lr\": 0.0002}\n"  // redone after a resume
                   "{\"step\": 4, \"lo");                              // cut by a kill
  const std::vector<LossPoint> points = read_train_log(dir / "train-log.jsonl");
  REQUIRE(points.size() == 3);
  CHECK(points[0].step == 1);
  CHECK(points[1].step == 2);
  CHECK(points[1].loss == Approx(0.75));
  CHECK(!points[1].eval_loss);
  CHECK(points[2].learning_rate == Approx(0.0003));
  CHECK_THROWS_WITH(read_train_log(dir / "missing.jsonl"), Catch::Matchers::Contains("missing.jsonl: cannot read"));
}

TEST_CASE("the loss curve falls where the loss falls, with the held-out points, over 20,000 steps", "[loss_curve]") {
  std::vector<LossPoint> points;
  for (int64_t step = 1; step <= 20000; ++step) {
    LossPoint p;
    p.step = step;
    const double trend = 0.5 * std::exp(-static_cast<double>(step) / 4000.0) + 0.01;
    p.loss = trend * (1.0 + 0.3 * std::sin(static_cast<double>(step) * 12.9898));
    p.learning_rate = 1e-3 * (1.0 - static_cast<double>(step) / 20000.0);
    if (step % 500 == 0) p.eval_loss = trend;
    points.push_back(p);
  }
  const Image image = render_loss_curve(points);
  REQUIRE(image.width == 960);
  REQUIRE(image.height == 540);
  // The smoothed loss (ink) and the held-out loss (vermilion) are high on the left, low on the right.
  const double ink_left = mean_row(image, 100, 300, is_ink), ink_right = mean_row(image, 650, 850, is_ink);
  const double eval_left = mean_row(image, 100, 300, is_vermilion), eval_right = mean_row(image, 650, 850, is_vermilion);
  REQUIRE(ink_left > 0);
  REQUIRE(eval_left > 0);
  CHECK(ink_left + 100 < ink_right);
  CHECK(eval_left + 100 < eval_right);

  const Image empty = render_loss_curve({});
  CHECK(empty.width == 960);
}
