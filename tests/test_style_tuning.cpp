// Learning a hand from images on a small untrained model: only the new style row and the hand's
// own norms change (the model's stay as trained), the style file round-trips and every program
// that opens the model can write with it; ink-train --style-images reports each bad file by
// name and goes on.
#include "torch_catch.h"

#include <nlohmann/json.hpp>

#include "ink/base/paths.h"
#include "ink/base/utf8.h"
#include "ink/data/char_sets.h"
#include "ink/model/diffusion_model.h"
#include "ink/model/model_file.h"
#include "ink/raster/font.h"
#include "ink/render/image.h"
#include "ink/styles/hand_layout.h"
#include "ink/styles/learned_style.h"
#include "ink/styles/style_layouts.h"
#include "ink/styles/style_tuning.h"
#include "ink/styles/synthetic_photo.h"
#include "ink/writing/writer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path save_tiny_stroke_model(const std::filesystem::path& dir) {
  return test::save_tiny_model(dir, ConditioningMode::stroke, {"hanzi-writer-data", "kai"}, 5, 7);
}

void write_photos(const std::filesystem::path& dir, const std::u32string& chars, int variants) {
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  std::filesystem::create_directories(dir);
  for (char32_t c : chars)
    for (int v = 1; v <= variants; ++v) {
      PhotoOptions options = random_photo_options(c * 10u + v);
      options.width = options.height = 160;
      write_png(render_photo({font.glyph_outline(c)}, options), dir / (encode_utf8(c) + "_" + std::to_string(v) + ".png"));
    }
}

std::vector<Coverage> write_with(const std::shared_ptr<DiffusionModel>& model, char32_t c, int style, double strength = 1.0) {
  WriterSettings settings;
  settings.seed = 11, settings.style = style, settings.steps = 2, settings.style_strength = strength;
  StrokeWriter writer(model, test::sample_library().glyph(c), settings);
  writer.write();
  return writer.strokes();
}

}  // namespace

TEST_CASE("a learnt style is one new row and its own norms; the model writes with it and is otherwise unchanged", "[style]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  write_photos(dir / "photos", U"国中", 2);
  const StyleImageSet set = split_style_images(list_image_files(dir / "photos"), test::sample_library(), 16);
  REQUIRE(set.problems.empty());
  REQUIRE(set.images.size() == 4);

  const auto before = open_model(model_dir, ConditioningMode::stroke);
  const std::vector<Coverage> plain_before = write_with(before, U'永', 0);

  StyleTuningOptions options;
  options.steps = 30, options.batch_size = 8, options.learning_rate = 0.05;
  std::vector<int> steps_seen;
  const LearnedStyle style = tune_style(model_dir, set.images, test::sample_library(), "hand", options,
                                        [&](const StyleTuningProgress& p) { steps_seen.push_back(p.step); });
  CHECK(steps_seen.size() == 30);
  CHECK(style.embedding.size() == 32);  // the time-embedding width, 4 x 8 channels
  CHECK(style.characters == "中国");  // in file-name order
  CHECK(style.images == 4);
  CHECK(style.base_trained_steps == 7);
  CHECK(style.base_fingerprint.size() == 16);
  CHECK(style.base_fingerprint == load_model(model_dir, ConditioningMode::stroke).fingerprint);
  CHECK(std::isfinite(style.final_loss));
  CHECK((style.started_from == "hanzi-writer-data" || style.started_from == "kai"));
  // The adapter: every group norm's gain and shift, and nothing else.
  REQUIRE(!style.adapter.empty());
  for (const auto& [name, values] : style.adapter) CHECK_THAT(name, Contains("norm"));
  CHECK(style.adapter.count("conv_norm_out.weight") == 1);
  CHECK(style.adapter.at("conv_norm_out.weight").size() == 8);

  const std::filesystem::path model_file = resolve_model_file(model_dir, ConditioningMode::stroke);
  save_learned_style(learned_style_file(model_file, "hand"), style);
  // The file gives back every number exactly.
  const LearnedStyle reloaded = load_learned_style(learned_style_file(model_file, "hand"));
  CHECK(reloaded.embedding == style.embedding);
  CHECK(reloaded.adapter == style.adapter);
  CHECK(reloaded.started_from == style.started_from);
  CHECK(reloaded.characters == style.characters);
  CHECK(reloaded.base_fingerprint == style.base_fingerprint);
  const auto after = open_model(model_dir, ConditioningMode::stroke);
  REQUIRE(summary_of(*after).styles == std::vector<std::string>{"hanzi-writer-data", "kai", "hand"});
  CHECK(summary_of(*after).learned_styles == 1);
  CHECK(summary_of(*after).stale_parts.empty());
  // The trained rows are untouched: style 0 writes exactly as before; the new hand writes otherwise.
  CHECK(write_with(after, U'永', 0)[0].values == plain_before[0].values);
  const std::vector<Coverage> hand = write_with(after, U'永', style_id(*after, "hand"));
  REQUIRE(hand.size() == plain_before.size());
  CHECK(hand[0].values != plain_before[0].values);
  // At strength 0 the hand's data's-hand pass is the model's own UNet, not the hand's adapted copy.
  const std::vector<Coverage> hand_at_zero = write_with(after, U'永', style_id(*after, "hand"), 0.0);
  REQUIRE(hand_at_zero.size() == plain_before.size());
  float largest = 0;
  for (size_t k = 0; k < hand_at_zero.size(); ++k)
    for (size_t i = 0; i < hand_at_zero[k].values.size(); ++i)
      largest = std::max(largest, std::abs(hand_at_zero[k].values[i] - plain_before[k].values[i]));
  CHECK(largest < 1e-4f);

  // The row moved away from where it started (a copy of one of the trained rows), and so did the
  // hand's norms from the model's.
  LoadedModel base = load_model(model_dir, ConditioningMode::stroke);
  for (int64_t row = 0; row < 2; ++row)
    CHECK((torch::tensor(style.embedding) - base.unet->style_table()[row]).abs().max().item<float>() > 1e-3f);
  const torch::Tensor trained_norm = base.unet->named_parameters()["conv_norm_out.weight"];
  CHECK((torch::tensor(style.adapter.at("conv_norm_out.weight")) - trained_norm).abs().max().item<float>() > 1e-3f);

  // Without the adapter the hand is the row alone.
  options.adapter = false;
  options.steps = 2;
  CHECK(tune_style(model_dir, set.images, test::sample_library(), "row", options).adapter.empty());

  // The model trained again: other weights with the same steps and shape. The hand still loads
  // and writes, and the model says its row was learnt for other weights and how to mend it.
  test::save_tiny_model(model_dir, ConditioningMode::stroke, {"hanzi-writer-data", "kai"}, 6, 7);
  const auto retrained = open_model(model_dir, ConditioningMode::stroke);
  REQUIRE(summary_of(*retrained).stale_parts.size() == 1);
  CHECK_THAT(summary_of(*retrained).stale_parts[0], Contains("hand.style.json") && Contains(style.base_fingerprint) &&
                                                        Contains("ink-train --style-images DIR --name hand"));
  CHECK(write_with(retrained, U'永', style_id(*retrained, "hand")).size() == plain_before.size());
}

TEST_CASE("a retuning takes the place of the trained style it retunes, and only that one", "[style]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  write_photos(dir / "photos", U"国中", 1);
  const StyleImageSet set = split_style_images(list_image_files(dir / "photos"), test::sample_library(), 16);
  REQUIRE(set.images.size() == 2);
  const auto before = open_model(model_dir, ConditioningMode::stroke);
  const std::vector<Coverage> data_before = write_with(before, U'永', 0), kai_before = write_with(before, U'永', 1);

  StyleTuningOptions options;
  options.steps = 20, options.batch_size = 8, options.learning_rate = 0.05, options.retune = true;
  REQUIRE_THROWS_WITH(tune_style(model_dir, set.images, test::sample_library(), "nope", options), Contains("not one of the model's trained styles"));
  REQUIRE_THROWS_WITH(tune_style(model_dir, set.images, test::sample_library(), "hanzi-writer-data", options), Contains("data's own hand"));
  const LearnedStyle retuned = tune_style(model_dir, set.images, test::sample_library(), "kai", options);
  CHECK(retuned.retunes);
  CHECK(retuned.started_from == "kai");  // the style itself, not the nearest by loss
  // --start-from puts the row's start elsewhere: a named trained style, and only one of those.
  StyleTuningOptions from_data = options;
  from_data.steps = 1, from_data.start_from = "hanzi-writer-data";
  CHECK(tune_style(model_dir, set.images, test::sample_library(), "kai", from_data).started_from == "hanzi-writer-data");
  from_data.start_from = "hand";
  REQUIRE_THROWS_WITH(tune_style(model_dir, set.images, test::sample_library(), "kai", from_data),
                      Contains("--start-from") && Contains("'hand' is not one of the model's trained styles"));
  const std::filesystem::path file = learned_style_file(resolve_model_file(model_dir, ConditioningMode::stroke), "kai");
  save_learned_style(file, retuned);
  CHECK(load_learned_style(file).retunes);

  const auto after = open_model(model_dir, ConditioningMode::stroke);
  CHECK(summary_of(*after).styles == std::vector<std::string>{"hanzi-writer-data", "kai"});  // no new row
  CHECK(summary_of(*after).retuned_styles == 1);
  CHECK(summary_of(*after).learned_styles == 0);
  CHECK(style_id(*after, "kai") == 1);
  CHECK(write_with(after, U'永', 0)[0].values == data_before[0].values);
  CHECK(write_with(after, U'永', 1)[0].values != kai_before[0].values);

  // A file that takes a trained style's name without saying it retunes it is refused, naming it.
  LearnedStyle impostor = retuned;
  impostor.retunes = false;
  save_learned_style(file, impostor);
  REQUIRE_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("kai.style.json") && Contains("already one of the model's styles"));
  // And one that says it retunes a style the model has no trained row for is refused too.
  std::filesystem::remove(file);
  LearnedStyle stray = retuned;
  stray.name = "nope";
  save_learned_style(learned_style_file(resolve_model_file(model_dir, ConditioningMode::stroke), "nope"), stray);
  REQUIRE_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("nope.style.json") && Contains("not one of the model's trained styles"));
}

TEST_CASE("style names and style files are checked", "[style]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  write_photos(dir / "photos", U"中", 1);
  const StyleImageSet set = split_style_images(list_image_files(dir / "photos"), test::sample_library(), 16);
  StyleTuningOptions options;
  options.steps = 1;
  REQUIRE_THROWS_WITH(tune_style(model_dir, set.images, test::sample_library(), "a/b", options), Contains("names a file"));
  REQUIRE_THROWS_WITH(tune_style(model_dir, set.images, test::sample_library(), "kai", options), Contains("trained styles"));
  REQUIRE_THROWS_WITH(tune_style(model_dir, {}, test::sample_library(), "x", options), Contains("no usable images"));
  const std::filesystem::path styles = learned_styles_dir(resolve_model_file(model_dir, ConditioningMode::stroke));
  std::filesystem::create_directories(styles);
  test::write_text(styles / "broken.style.json", "{\"format\": \"hanzi-ink learned style\", \"version\": 1, \"name\": 3}");
  REQUIRE_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("broken.style.json"));

  // An adapter that names a weight that is not a norm, or has the wrong size, is another model's.
  LearnedStyle other;
  other.name = "other";
  other.embedding.assign(32, 0.0f);
  other.adapter["conv_in.weight"] = {1.0f};
  std::filesystem::remove(styles / "broken.style.json");
  save_learned_style(styles / "other.style.json", other);
  REQUIRE_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("other.style.json") && Contains("not a norm"));
  other.adapter = {{"conv_norm_out.weight", {1.0f, 2.0f}}};
  save_learned_style(styles / "other.style.json", other);
  REQUIRE_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("other.style.json") && Contains("has 2 values"));
}

TEST_CASE("ink-train --style-images names each bad file, learns from the rest, and ink-write lists the style", "[style]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  write_photos(dir / "photos", U"国", 2);
  test::write_text(dir / "photos" / "中_1.png", "not an image");
  write_png(render_photo({}, random_photo_options(9)), dir / "photos" / "中_2.png");
  write_png(render_photo({}, random_photo_options(9)), dir / "photos" / "spring.png");
  const std::string common = " --model " + test::shell_quote(model_dir.string()) + " --data " + test::shell_quote(test::sample_dir().string());
  const auto run = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "photos").string()) +
                                                   " --name mine --steps 5" + common);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.err, Contains("中_1.png: cannot read image"));
  CHECK_THAT(run.err, Contains("中_2.png: no ink found"));
  CHECK_THAT(run.err, Contains("spring.png: file name does not start with one character"));
  CHECK_THAT(run.out, Contains("2 of 5 images split"));
  CHECK(std::filesystem::exists(model_dir / "stroke" / "styles" / "mine.style.json"));
  const auto list = test::run_tool("ink-write", "--list-styles" + common);
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.out, Contains("mine"));
  // The front lists from the files without the model; the model half, having opened it, agrees.
  const auto opened = test::run_tool("ink-write-model", "--list-styles" + common);
  CHECK(opened.exit_code == 0);
  CHECK(opened.out == list.out);
  const auto write = test::run_tool("ink-write", "永 --style mine --steps 2 --png " + test::shell_quote((dir / "yong.png").string()) + common);
  CHECK(write.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "yong.png"));

  // The style matrix has the new hand as a row, and its sheet shows each row over its own glyphs.
  const auto sheet = dir / "matrix.png", report = dir / "matrix.json";
  const auto eval = test::run_tool("ink-eval", "--styles hanzi-writer-data,mine --fonts " + test::shell_quote("data=hanzi-writer-data,kai=AR PL KaitiM GB") +
                                                   " --chars 2 --steps 2 --sheet " + test::shell_quote(sheet.string()) +
                                                   " --json " + test::shell_quote(report.string()) + common);
  INFO(eval.out << eval.err);
  REQUIRE(eval.exit_code == 0);
  CHECK_THAT(eval.out, Contains("mine"));
  const nlohmann::json matrix = nlohmann::json::parse(test::read_text(report));
  REQUIRE(matrix["iou"].size() == 2);
  for (const auto& row : matrix["iou"]) {
    REQUIRE(row.size() == 2);
    for (double iou : row) CHECK((iou >= 0 && iou <= 1));
  }
  const Image picture = read_image(sheet);
  CHECK(picture.width == picture.height);  // 2 styles x 2 characters
  // The glyphs show through any writing: pale blue keeps blue above green even under the
  // vermilion at full cover, where paper, white and vermilion have it below or equal.
  int glyph_pixels = 0;
  for (int y = 0; y < picture.height; ++y)
    for (int x = 0; x < picture.width; ++x) glyph_pixels += picture.at(x, y).b > picture.at(x, y).g;
  CHECK(glyph_pixels > 100);
  // Any characters on the sheet, every style over the one font: 2 rows of 3 cells.
  const auto chosen = test::run_tool("ink-eval", "--styles hanzi-writer-data,mine --fonts kai=" + test::shell_quote("AR PL KaitiM GB") +
                                                     " --chars 1 --steps 1 --sheet " + test::shell_quote(sheet.string()) +
                                                     " --sheet-chars 永干春" + common);
  INFO(chosen.out << chosen.err);
  REQUIRE(chosen.exit_code == 0);
  const Image chosen_picture = read_image(sheet);
  CHECK(chosen_picture.height == picture.height);  // two rows, as before
  const int pitch = chosen_picture.width - chosen_picture.height, gap = picture.width - 2 * pitch;  // a third column
  CHECK(gap > 0);
  CHECK(gap < pitch);
  const auto unsheeted = test::run_tool("ink-eval", "--styles mine --fonts kai=" + test::shell_quote("AR PL KaitiM GB") + " --sheet-chars 永" + common);
  CHECK(unsheeted.exit_code == 1);
  CHECK_THAT(unsheeted.err, Contains("--sheet-chars draws on the sheet: give --sheet PNG too"));
  // On seen characters, to choose a style's settings without the held-out ones it is judged on.
  const auto seen = test::run_tool("ink-eval", "--styles mine --fonts kai=" + test::shell_quote("AR PL KaitiM GB") + " --set seen --chars 2 --steps 1 --json " +
                                                   test::shell_quote(report.string()) + common);
  INFO(seen.out << seen.err);
  REQUIRE(seen.exit_code == 0);
  const nlohmann::json seen_matrix = nlohmann::json::parse(test::read_text(report));
  CHECK(seen_matrix["set"] == "seen");
  CHECK_THAT(seen.out, Contains("whole-glyph IoU, 2 seen characters"));
  const std::u32string seen_chars = decode_utf8(seen_matrix["characters"].get<std::string>(), "characters");
  REQUIRE(seen_chars.size() == 2);
  const std::vector<char32_t> heldout = select_chars(test::sample_library(), "heldout", heldout_list_path());
  for (char32_t c : seen_chars) CHECK(std::find(heldout.begin(), heldout.end(), c) == heldout.end());
  const auto unknown_set = test::run_tool("ink-eval", "--styles mine --fonts kai=" + test::shell_quote("AR PL KaitiM GB") + " --set all" + common);
  CHECK(unknown_set.exit_code == 1);
  CHECK_THAT(unknown_set.err, Contains("--set must be heldout or seen, got 'all'"));

  const auto none = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "model").string()) + " --name x" + common);
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Contains("has no images"));
}

TEST_CASE("renamed flags still work and name their new spelling", "[style][cli]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  write_photos(dir / "photos", U"国", 1);
  const std::string common = " --model " + test::shell_quote(model_dir.string()) + " --data " + test::shell_quote(test::sample_dir().string());

  // --refine is --retune: retuning a name that is not a trained style is refused as such.
  const auto retune = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "photos").string()) +
                                                      " --name stray --refine --steps 1" + common);
  CHECK(retune.exit_code == 1);
  CHECK_THAT(retune.err, Contains("--refine is deprecated; use --retune"));
  CHECK_THAT(retune.err, Contains("--retune: 'stray' is not one of the model's trained styles"));

  // --split is --set.
  const auto eval = test::run_tool("ink-eval", "--split seen --chars 1 --mode stroke --steps 1" + common);
  INFO(eval.out << eval.err);
  CHECK(eval.exit_code == 0);
  CHECK_THAT(eval.err, Contains("--split is deprecated; use --set"));
  CHECK_THAT(eval.out, Contains("seen"));
  CHECK_THAT(test::run_tool("ink-eval", "--set bogus" + common).err, Contains("--set must be heldout or seen, got 'bogus'"));

  // --layout is --direction.
  const auto column = test::run_tool("ink-write", "国中 --layout column --steps 1 --size 32 --png " + test::shell_quote((dir / "c.png").string()) + common);
  CHECK(column.exit_code == 0);
  CHECK_THAT(column.err, Contains("--layout is deprecated; use --direction"));
  CHECK(read_image(dir / "c.png").height == 64);  // two characters, one above the other
}

TEST_CASE("a style's layout moves the strokes it writes while the data's hand and strength 0 keep the data's placement", "[style]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  Layout right;
  right.shift = {100, 0};
  save_layouts(layouts_file(model_dir / "stroke" / "model.safetensors"), {{"kai", right}}, "a test");
  const auto model = open_model(model_dir, ConditioningMode::stroke);
  const Glyph& glyph = test::sample_library().glyph(U'国');
  const float x = glyph.strokes[0].median[0].x;
  CHECK(styled_glyph(*model, glyph, "kai", 1.0).strokes[0].median[0].x == Approx(x + 100).margin(0.01));
  CHECK(styled_glyph(*model, glyph, "kai", 0.5).strokes[0].median[0].x == Approx(x + 50).margin(0.01));
  CHECK(styled_glyph(*model, glyph, "kai", 0.0) == glyph);
  CHECK(styled_glyph(*model, glyph, "", 1.0) == glyph);
  CHECK(styled_glyph(*model, glyph, "hanzi-writer-data", 1.0) == glyph);

  save_layouts(layouts_file(model_dir / "stroke" / "model.safetensors"), {{"nobody", right}}, "a test");
  CHECK_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Contains("layouts.json") && Contains("style 'nobody'"));
}

TEST_CASE("a learnt hand learns its aspect and stroke tilts from its images, and writes with them", "[style][layout]") {
  test::TempDir dir;
  const auto model_dir = save_tiny_stroke_model(dir / "model");
  // A hand that writes wider than the data, a little smaller and lower, and tilts its horizontals
  // clockwise; photographed loosely, and cut exactly to its writing squares.
  Layout hand;
  hand.scale_x = 1.0f, hand.scale_y = 0.76f, hand.shift = {0, 60};
  hand.tilts[static_cast<size_t>(StrokeKind::horizontal)] = 0.1f;
  enum class Shot { loose, framed, grid };
  const auto photograph = [&](const std::filesystem::path& folder, Shot shot) {
    std::filesystem::create_directories(folder);
    for (char32_t c : std::u32string(U"春国中永"))
      for (int v = 1; v <= 3; ++v) {
        std::vector<Outline> outlines;
        for (const Stroke& stroke : apply_layout(test::sample_library().glyph(c), hand).strokes) outlines.push_back(stroke.outline);
        PhotoOptions options = random_photo_options(c * 10u + v);
        options.width = options.height = 160;
        // The hand's slant is none; a camera's turn is tested by the split, and in a grid photo
        // the grid's turn is the camera's.
        if (shot != Shot::grid) options.rotation_degrees = 0;
        if (shot == Shot::framed) options.scale = 1.25f, options.offset_x = options.offset_y = 0;  // the box is the photo
        if (shot == Shot::grid) options.grid = PrintedGrid::sheet, options.scale *= 0.9f, options.width = options.height = 200;
        write_png(render_photo(outlines, options), folder / (encode_utf8(c) + "_" + std::to_string(v) + ".png"));
      }
  };
  photograph(dir / "photos", Shot::loose);
  photograph(dir / "framed", Shot::framed);
  photograph(dir / "grid", Shot::grid);
  const StyleImageSet set = split_style_images(list_image_files(dir / "photos"), test::sample_library(), 16);
  REQUIRE(set.images.size() == 12);
  const HandLayout learnt = learn_hand_layout(set.images, test::sample_library());
  CHECK(learnt.layout.scale_x / learnt.layout.scale_y > 1.15f);  // 1.32, drawn toward 1 by 3 of 15
  CHECK(learnt.layout.scale_x * learnt.layout.scale_y == Approx(1).margin(1e-4));  // size is the framing's
  CHECK(learnt.tilts_kept);
  CHECK(learnt.layout.tilts[static_cast<size_t>(StrokeKind::horizontal)] + learnt.layout.rotation > 0.04f);
  CHECK(learnt.tilted_strokes > 20);
  CHECK(learnt.layout.shift.x == 0);  // unframed, where it sits is the photographer's
  CHECK(learnt.layout.shift.y == 0);
  // Framed, the size and place come too (drawn toward the data's by 3 images in 15).
  const StyleImageSet framed = split_style_images(list_image_files(dir / "framed"), test::sample_library(), 16);
  REQUIRE(framed.images.size() == 12);
  const HandLayout placed = learn_hand_layout(framed.images, test::sample_library(), true);
  CHECK(placed.layout.shift.y == Approx(0.8f * 60).margin(12));
  CHECK(std::fabs(placed.layout.shift.x) < 12);
  CHECK(std::sqrt(placed.layout.scale_x * placed.layout.scale_y) == Approx(std::pow(std::sqrt(0.76f), 0.8f)).margin(0.04));
  CHECK(placed.layout.scale_x / placed.layout.scale_y == Approx(learnt.layout.scale_x / learnt.layout.scale_y).margin(0.05));
  // Photos of the writing in a printed grid, turned and off centre, give the framed layout.
  const StyleImageSet grid = split_style_images(list_image_files(dir / "grid"), test::sample_library(), 16,
                                                StrokePlacement::in_place, ImageSquare::grid);
  REQUIRE(grid.images.size() == 12);
  const HandLayout gridded = learn_hand_layout(grid.images, test::sample_library(), true);
  CHECK(gridded.layout.shift.y == Approx(placed.layout.shift.y).margin(6));
  CHECK(gridded.layout.shift.x == Approx(placed.layout.shift.x).margin(6));
  CHECK(gridded.layout.scale_x == Approx(placed.layout.scale_x).margin(0.03));
  CHECK(gridded.layout.scale_y == Approx(placed.layout.scale_y).margin(0.03));
  SplitImage oblong = framed.images.front();
  oblong.image_ink = Coverage(160, 120);
  CHECK_THROWS_WITH(learn_hand_layout({oblong}, test::sample_library(), true), Contains("160 x 120 px; a framed image is its character's square"));

  const std::string common = " --model " + test::shell_quote(model_dir.string()) + " --data " + test::shell_quote(test::sample_dir().string());
  const auto run = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "photos").string()) + " --name wide --steps 2" + common);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("layout: aspect 1.") && Contains("horizontal +"));
  const auto framed_run = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "framed").string()) +
                                                          " --name placed --steps 2 --framed" + common);
  INFO(framed_run.out << framed_run.err);
  REQUIRE(framed_run.exit_code == 0);
  CHECK_THAT(framed_run.out, Contains("layout: size 0.") && Contains(", shift ("));
  const auto grid_run = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "grid").string()) +
                                                        " --name gridded --steps 2 --grid" + common);
  INFO(grid_run.out << grid_run.err);
  REQUIRE(grid_run.exit_code == 0);
  CHECK_THAT(grid_run.out, Contains("12 of 12 images split into strokes, in place") && Contains("layout: size 0."));
  const auto no_grid = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "framed").string()) +
                                                       " --name gridded --steps 2 --grid" + common);
  CHECK(no_grid.exit_code == 1);
  CHECK_THAT(no_grid.err, Contains("no practice-grid square found") && Contains("none of the 12 images"));
  const auto file = learned_style_file(resolve_model_file(model_dir, ConditioningMode::stroke), "wide");
  LearnedStyle style = load_learned_style(file);
  REQUIRE(style.layout);
  CHECK(style.layout->scale_x == Approx(learnt.layout.scale_x).margin(1e-4));
  CHECK(style.layout->tilts == learnt.layout.tilts);

  // The writers move the data's strokes by it, at the style strength.
  const Glyph& glyph = test::sample_library().glyph(U'三');
  {
    const auto model = open_model(model_dir, ConditioningMode::stroke);
    const Glyph wide = styled_glyph(*model, glyph, "wide", 1.0);
    const auto span = [](const Glyph& g) { return g.strokes[0].median.back().x - g.strokes[0].median.front().x; };
    CHECK(span(wide) > span(glyph) * 1.05f);
    CHECK(styled_glyph(*model, glyph, "wide", 0.0) == glyph);
  }
  // A hand saved before hands learnt layouts writes as a brush on the data's placement.
  const std::vector<float> brush = style.embedding;
  style.layout.reset();
  save_learned_style(file, style);
  CHECK(styled_glyph(*open_model(model_dir, ConditioningMode::stroke), glyph, "wide", 1.0) == glyph);
  // --layout-only measures it again and keeps the brush.
  const auto again = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "photos").string()) + " --name wide --layout-only" + common);
  INFO(again.out << again.err);
  REQUIRE(again.exit_code == 0);
  const LearnedStyle relaid = load_learned_style(file);
  REQUIRE(relaid.layout);
  CHECK(relaid.layout->tilts == learnt.layout.tilts);
  CHECK(relaid.embedding == brush);
  const auto nobody = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "photos").string()) + " --name nobody --layout-only" + common);
  CHECK(nobody.exit_code == 1);
  CHECK_THAT(nobody.err, Contains("no learnt hand 'nobody'"));

  // A trained style retuned from framed images learns its brush in place and keeps its layout.
  const auto retune = test::run_tool("ink-train", "--style-images " + test::shell_quote((dir / "framed").string()) +
                                                      " --name kai --retune --framed --steps 2" + common);
  INFO(retune.out << retune.err);
  REQUIRE(retune.exit_code == 0);
  CHECK_THAT(retune.out, Contains("split into strokes, in place; retuning the trained style 'kai'"));
  const LearnedStyle kai = load_learned_style(learned_style_file(resolve_model_file(model_dir, ConditioningMode::stroke), "kai"));
  CHECK(kai.retunes);
  CHECK_FALSE(kai.layout);
  CHECK(kai.structure_row.empty());
}
