// The article's experiment at test size: 20 images of 春满干坤 (5 fonts x 4 characters) train a
// class-mode model, which must then draw each of the four recognisably — closer to the images
// of its own character than to any other's — and not as a pixel copy of one training image.
#include "torch_catch.h"

#include "ink/dataset/dataset.h"
#include "ink/training/trainer.h"
#include "ink/writing/writer.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("class mode learns 春满干坤 from 20 font images and draws each recognisably", "[train][slow]") {
  test::TempDir dir;
  DatasetOptions options;
  options.out_dir = dir / "data";
  options.size = 32;
  options.chars = {U'春', U'满', U'干', U'坤'};
  options.font_family = "AR PL KaitiM GB,AR PL UKai CN,LXGW WenKai,TW-Kai,AR PL UKai TW";
  const DatasetReport report = build_dataset(test::sample_library(), options);
  REQUIRE(report.whole_glyphs == 20);

  TrainingRecipe recipe;
  recipe.model.mode = ConditioningMode::class_label;
  recipe.model.in_channels = 1;
  recipe.model.num_classes = 4;
  recipe.model.sample_size = 32;
  recipe.model.block_out_channels = {16, 32, 64};
  recipe.model.layers_per_block = 1;
  recipe.model.norm_num_groups = 8;
  recipe.model.attention_head_dim = 32;
  recipe.model.prediction_type = PredictionType::v_prediction;
  recipe.schedule.prediction_type = PredictionType::v_prediction;
  recipe.schedule.beta_schedule = BetaSchedule::squaredcos_cap_v2;
  recipe.data_dir = dir / "data";
  recipe.eval_every = 0;
  recipe.batch_size = 20;
  recipe.steps = 300;
  recipe.warmup_steps = 20;
  recipe.ema_decay = 0.99;
  recipe.checkpoint_every = 1000;
  Trainer trainer(recipe, dir / "run");
  auto data = std::make_shared<TrainingData>(dir / "data", recipe.model);
  trainer.set_data(data, nullptr, {});
  trainer.run({}, {});
  const auto model = open_model(dir / "run", ConditioningMode::class_label);
  REQUIRE(summary_of(*model).classes == U"坤干春满");  // labels in code-point order

  // The training images, by class.
  std::vector<std::vector<Coverage>> images(4);
  for (int64_t i = 0; i < data->size(); ++i) {
    const DiffusionBatch b = data->batch(torch::tensor({i}, torch::kInt64));
    const torch::Tensor x = b.target.add(1).mul(0.5).contiguous();
    Coverage c(32, 32);
    std::copy(x.data_ptr<float>(), x.data_ptr<float>() + 32 * 32, c.values.begin());
    images[b.conditions.label.item<int64_t>()].push_back(std::move(c));
  }
  WriterSettings settings;
  settings.steps = 10;
  for (int label = 0; label < 4; ++label) {
    for (uint64_t seed : {1, 2}) {
      settings.seed = seed;
      const Coverage drawn = write_class_glyph(*model, label, settings);
      std::vector<float> mean_iou(4, 0);
      float best_single = 0;
      for (int c = 0; c < 4; ++c)
        for (const Coverage& image : images[c]) {
          const float iou = coverage_iou(drawn, image);
          mean_iou[c] += iou / images[c].size();
          if (c == label) best_single = std::max(best_single, iou);
        }
      INFO("class " << label << " seed " << seed << ": mean IoU to each class " << mean_iou[0] << " " << mean_iou[1] << " "
                    << mean_iou[2] << " " << mean_iou[3] << ", best single image " << best_single);
      for (int c = 0; c < 4; ++c)
        if (c != label) CHECK(mean_iou[label] > mean_iou[c]);
      CHECK(best_single < 0.98f);  // not a pixel copy of one image
    }
  }
}
