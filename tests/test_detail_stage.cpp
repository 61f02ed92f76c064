// The detail stage: untrained it draws the crisp edge; it trains for real (tiny) and its files
// load again; damaged files and wrong input are one clear error.
#include "torch_catch.h"

#include <fstream>

#include "ink/base/error.h"
#include "ink/dataset/stroke_step.h"
#include "ink/render/display_coverage.h"
#include "ink/training/detail_training.h"
#include "ink/writing/detail_pipeline.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;

namespace {

DetailConfig small_config() {
  DetailConfig config;
  config.size = 64;
  config.channels = 4;
  config.dilations = {1, 2};
  return config;
}

struct Stroke16 {
  Coverage coverage;
  Polyline median;
};

// A detail stage as it stands before training (one step at learning rate 0), saved in `dir`.
std::shared_ptr<DetailStage> untrained(const std::filesystem::path& dir) {
  torch::set_num_threads(1);
  const auto model = open_model(test::save_tiny_model(dir / "model", ConditioningMode::stroke), ConditioningMode::stroke);
  DetailTrainingOptions options;
  options.config = small_config();
  options.steps = 1;
  options.learning_rate = 0;
  train_detail_stage(model, test::sample_library(), {U'十'}, {}, options, dir / "detail");
  return DetailStage::open(dir / "detail");
}

Stroke16 stroke_of(char32_t c, size_t k) {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(c);
  return {render_glyph_planes(glyph, rasterizer, 16).strokes.at(k), glyph.strokes.at(k).median};
}

}  // namespace

TEST_CASE("an untrained detail stage draws the crisp edge on the stroke's box", "[detail]") {
  test::TempDir dir;
  const auto stage = untrained(dir.path());
  const Stroke16 s = stroke_of(U'永', 1);
  const Coverage drawn = stage->draw(s.coverage, s.median), crisp = upsample_coverage(s.coverage, 64);
  REQUIRE(drawn.width == 64);
  // The same ink, but for the one-pixel smoothing of the edge: a pixel may change only where the
  // crisp edge passes within a pixel of it.
  int differ = 0, inked = 0, off_edge = 0;
  for (int y = 1; y < 63; ++y)
    for (int x = 1; x < 63; ++x) {
      const bool in = crisp.at(x, y) >= 0.5f;
      inked += in;
      if ((drawn.at(x, y) >= 0.5f) == in) continue;
      ++differ;
      bool edge = false;
      for (int v = -1; v <= 1; ++v)
        for (int u = -1; u <= 1; ++u) edge = edge || (crisp.at(x + u, y + v) >= 0.5f) != in;
      off_edge += !edge;
    }
  CHECK(inked > 50);
  CHECK(differ <= inked / 10);
  CHECK(off_edge == 0);
  CHECK_THROWS_WITH(stage->draw(Coverage(64, 64), s.median), Catch::Contains("expected a square smaller than 64"));
  CHECK(stage->draw(Coverage(16, 16), s.median).sum() == 0.0f);  // a stroke not written yet stays paper
}

TEST_CASE("the detail stage trains on the model's strokes and loads again", "[detail]") {
  test::TempDir dir;
  torch::set_num_threads(1);
  const auto model = open_model(test::save_tiny_model(dir.path() / "model", ConditioningMode::stroke), ConditioningMode::stroke);
  DetailTrainingOptions options;
  options.config = small_config();
  options.steps = 120;
  options.batch = 8;
  options.patch = 32;
  std::vector<double> losses;
  size_t written = 0;
  const DetailTrainingReport report = train_detail_stage(
      model, test::sample_library(), {U'永', U'十'}, {U'大'}, options, dir.path() / "detail",
      [&](const char* phase, size_t done, size_t, double loss) {
        if (std::string(phase) == "write") written = done;
        else losses.push_back(loss);
      });
  CHECK(written == 3);
  REQUIRE(losses.size() == 120);
  double first = 0, last = 0;
  for (int i = 0; i < 20; ++i) first += losses[i], last += losses[losses.size() - 1 - i];
  CHECK(last < first);  // it learns
  CHECK(report.training_strokes == 5 + 2);
  CHECK(report.checking_strokes == 3);
  CHECK(report.detail_iou > 0.0);
  const auto stage = DetailStage::of_model(dir.path());
  REQUIRE(stage);
  CHECK(stage->config().channels == 4);
  const Stroke16 s = stroke_of(U'永', 0);
  CHECK(stage->draw(s.coverage, s.median).sum() > 0);
  CHECK_FALSE(DetailStage::of_model(dir.path() / "model"));  // none there
}

TEST_CASE("damaged detail stage files are refused in one line naming the file", "[detail][errors]") {
  test::TempDir root;
  untrained(root.path());
  const std::filesystem::path dir = root / "detail";
  const std::string config = test::read_text(dir / "config.json");
  auto with_config = [&](const std::string& text) {
    test::write_text(dir / "config.json", text);
    return dir;
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = config;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK_THROWS_WITH(DetailStage::open(with_config(replaced("\"version\": 1", "\"version\": 2"))),
                    Catch::Contains("config.json: detail stage version 2, this build reads version 1"));
  CHECK_THROWS_WITH(DetailStage::open(with_config(replaced("\"channels\": 4", "\"channels\": 100000"))),
                    Catch::Contains("config.json: channels 100000 out of range"));
  CHECK_THROWS_WITH(DetailStage::open(with_config(replaced("\"channels\": 4", "\"channels\": 5"))),
                    Catch::Contains("model.safetensors: tensor 'body.0.weight' is F32 [4, 3, 3, 3], the config's net needs F32 [5, 3, 3, 3]"));
  CHECK_THROWS_WITH(DetailStage::open(with_config("{\"format\": \"something else\"}")), Catch::Contains("not a hanzi-ink detail stage config"));
  // Found by the fuzzer: a "format" that is no string once escaped as nlohmann's type_error.
  CHECK_THROWS_WITH(parse_detail_config("{\"format\": 0, \"version\": 1}", "d.json"), "d.json: not a hanzi-ink detail stage config");
  with_config(config);
  test::write_text(dir / "model.safetensors", "short");
  CHECK_THROWS_AS(DetailStage::open(dir), InkError);
}

TEST_CASE("the detail pipeline draws each stroke as the stage does, in order, on its own thread", "[detail]") {
  test::TempDir dir;
  const auto stage = untrained(dir.path());
  const Glyph& glyph = test::sample_library().glyph(U'永');
  Rasterizer rasterizer;
  const std::vector<Coverage> strokes = render_glyph_planes(glyph, rasterizer, 16).strokes;
  std::vector<Polyline> medians;
  for (const Stroke& s : glyph.strokes) medians.push_back(s.median);
  const std::vector<Coverage> expected = stage->draw(strokes, medians);

  DetailPipeline pipeline(stage);
  for (size_t k = 0; k < strokes.size(); ++k) pipeline.add(strokes[k], medians[k]);
  const std::vector<Coverage> drawn = pipeline.finish();
  REQUIRE(drawn.size() == expected.size());
  for (size_t k = 0; k < drawn.size(); ++k) CHECK(drawn[k].values == expected[k].values);

  // A stroke the stage refuses: its error comes out of finish(), on the caller's thread.
  DetailPipeline refusing(stage);
  refusing.add(strokes[0], medians[0]);
  refusing.add(Coverage(64, 64), medians[1]);
  refusing.add(strokes[2], medians[2]);
  CHECK_THROWS_WITH(refusing.finish(), Catch::Contains("expected a square smaller than 64"));
  // Left without finish() (the writer threw): it ends without drawing the rest or hanging.
  DetailPipeline dropped(stage);
  for (size_t k = 0; k < strokes.size(); ++k) dropped.add(strokes[k], medians[k]);
}
