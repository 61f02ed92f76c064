// The structure model learns where a hand puts strokes from some characters and predicts it for
// characters it never saw; a new hand's row is learnt from four characters.
#include "torch_catch.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "ink/base/utf8.h"
#include "ink/model/diffusion_model.h"
#include "ink/model/model_file.h"
#include "ink/model/structure_file.h"
#include "ink/render/image.h"
#include "ink/training/checkpoint.h"
#include "ink/styles/learned_style.h"
#include "ink/styles/style_images.h"
#include "ink/styles/synthetic_photo.h"
#include "ink/model/structure_model.h"
#include "ink/writing/writer.h"
#include "tiny_model.h"
#include "test_helpers.h"

using namespace ink;

namespace {

// A made-up hand with structure the model can only learn from the strokes: it writes every
// horizontal `drop` box units lower and, where it drops them, 1.2 times as long; characters of
// many strokes 1.1 times as wide.
StructureSample written_by_hand(const Glyph& glyph, float drop, Layout typical) {
  StructureSample s = structure_of(glyph);
  s.fit = typical;
  if (glyph.strokes.size() > 6) s.fit.scale_x *= 1.1f;
  const StrokeMove horizontal{{0, drop}, {drop > 0 ? std::log(1.2f) : 0.0f, 0, 0}};
  for (size_t k = 0; k < s.kinds.size(); ++k) s.moves[k] = s.kinds[k] == StrokeKind::horizontal ? horizontal : StrokeMove{};
  return s;
}

HandSamples hand_of(const std::vector<const Glyph*>& glyphs, float drop, Layout typical) {
  HandSamples hand{{}, typical};
  for (const Glyph* g : glyphs) hand.samples.push_back(written_by_hand(*g, drop, typical));
  return hand;
}

// A structure model trained on every sample glyph written by one hand a drop, the first named
// "kai".
StructureModel kai_and_others(const std::vector<float>& drops) {
  std::vector<const Glyph*> glyphs;
  for (const Glyph& g : test::sample_library().glyphs()) glyphs.push_back(&g);
  std::vector<HandSamples> hands;
  for (float drop : drops) hands.push_back(hand_of(glyphs, drop, {}));
  StructureModel structure(hands.size(), 1);
  StructureTraining training;
  training.steps = 300;
  training.batch = 16;
  structure.train(hands, training);
  structure.name_style(0, "kai");
  return structure;
}

}  // namespace

TEST_CASE("place_point moves a point as apply_layout moves the glyph") {
  const Glyph& glyph = test::sample_library().glyph(U'永');
  Layout layout;
  layout.shift = {12, -30};
  layout.scale_x = 1.05f, layout.scale_y = 0.9f, layout.rotation = 0.1f;
  const std::vector<StrokeMove> moves(glyph.strokes.size(), StrokeMove{{5, -7}, {0.1f, 0.05f, 0.08f}});
  bool clamped = true;
  const Glyph moved = apply_layout(glyph, layout, moves, &clamped);
  REQUIRE_FALSE(clamped);  // inside the box, so nothing but the layout moved it
  StructureSample before = structure_of(glyph);
  const StructureSample after = structure_of(moved);
  before.fit = layout, before.moves = moves;
  // A median's ends are its first and last even points; a formed median is spaced otherwise
  // between them, so every other point is checked to lie on the moved median itself (on screen).
  const auto distance_to = [](Point p, const Polyline& box_line) {
    float nearest = 1e9f;
    for (size_t i = 1; i < box_line.size(); ++i) {
      const Point a = to_screen(box_line[i - 1]), b = to_screen(box_line[i]);
      const float dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
      const float t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0f, 1.0f) : 0.0f;
      nearest = std::min(nearest, std::hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
    }
    return nearest;
  };
  for (size_t k = 0; k < glyph.strokes.size(); ++k)
    for (size_t j = 0; j < kStructurePoints; ++j) {
      const Point placed = placed_point(before, k, j);
      if (j == 0 || j + 1 == kStructurePoints) {
        CHECK(placed.x == Approx(after.medians[k][j].x).margin(0.05));
        CHECK(placed.y == Approx(after.medians[k][j].y).margin(0.05));
      } else {
        // Box units: the bowed median is drawn in pieces a sixteenth of its chord.
        CHECK(distance_to(placed, moved.strokes[k].median) < 1.0f);
      }
    }
  CHECK(before.medians.size() == glyph.strokes.size());
  CHECK(before.kinds.size() == glyph.strokes.size());
}

TEST_CASE("the structure model predicts a hand's structure on characters it never saw") {
  const StrokeLibrary& library = test::sample_library();
  std::vector<const Glyph*> seen, unseen;
  for (char32_t c : library.codepoints()) (seen.size() < 40 ? seen : unseen).push_back(&library.glyph(c));
  REQUIRE(unseen.size() >= 10);
  Layout wide;
  wide.scale_x = 1.2f;
  wide.shift = {20, 0};
  const std::vector<HandSamples> hands = {hand_of(seen, 40, {}), hand_of(seen, -40, wide)};
  StructureModel model(hands.size(), 1);
  const StructureModel untrained(hands.size(), 1);  // says each hand's typical layout
  StructureTraining training;
  training.steps = 400;
  training.batch = 16;
  model.train(hands, training);
  for (size_t style = 0; style < hands.size(); ++style) {
    const HandSamples held_out = hand_of(unseen, style ? -40.0f : 40.0f, hands[style].typical);
    const double before = untrained.error(held_out, style), after = model.error(held_out, style);
    INFO("style " << style << ": " << before << " -> " << after << " box units");
    CHECK(after < 0.5 * before);
  }
  // Its placement moves a horizontal the way the hand does.
  const Glyph& san = library.glyph(U'三');
  const StructurePlacement placed = model.place(structure_of(san), 0, {});
  REQUIRE(placed.moves.size() == san.strokes.size());
  CHECK(placed.moves[0].shift.y > 20);
  CHECK(placed.moves[0].form.stretch > 0.1);  // and longer

  SECTION("a new hand's row from four characters carries its structure") {
    const HandSamples few = hand_of({seen[0], seen[1], seen[2], seen[3]}, -40, wide);
    const size_t row = model.adapt(few);
    CHECK(row == 2);
    CHECK(model.styles() == 3);
    const HandSamples held_out = hand_of(unseen, -40, wide);
    CHECK(model.error(held_out, row) < 0.5 * untrained.error(held_out, 1));
  }
}

TEST_CASE("a model's structure file places each character of its styles beyond their layouts", "[style]") {
  test::TempDir dir;
  const auto model_dir = test::save_tiny_model(dir / "model", ConditioningMode::stroke, {"hanzi-writer-data", "kai"});
  const auto file = model_dir / "stroke" / "model.safetensors";
  save_layouts(layouts_file(file), {{"kai", Layout{}}}, "a test");
  StructureModel structure = kai_and_others({40});
  structure.save(structure_file(file), "a test");
  CHECK(StructureModel::load(structure_file(file)).row(0) == structure.row(0));

  const torch::Tensor stream = cpu_rng_state();  // training's random stream, which a structure model must not move
  StructureModel::load(structure_file(file)).train({hand_of({&test::sample_library().glyph(U'三')}, 40, {})}, {3, 1, 1e-3, 0});
  CHECK(torch::equal(stream, cpu_rng_state()));
  const auto model = open_model(model_dir, ConditioningMode::stroke);
  CHECK(summary_of(*model).structure_styles == std::vector<std::string>{"kai"});
  const Glyph& san = test::sample_library().glyph(U'三');
  const Glyph placed = styled_glyph(*model, san, "kai", 1.0);
  CHECK(placed.strokes[0].median[0].y < san.strokes[0].median[0].y - 20);  // lower on the page (the box's y is up)
  const Glyph halfway = styled_glyph(*model, san, "kai", 0.5);
  CHECK(halfway.strokes[0].median[0].y < san.strokes[0].median[0].y - 10);
  CHECK(halfway.strokes[0].median[0].y > placed.strokes[0].median[0].y + 5);
  CHECK(styled_glyph(*model, san, "kai", 0.0) == san);
  CHECK(styled_glyph(*model, san, "hanzi-writer-data", 1.0) == san);

  SECTION("a structure model from before stroke forms places strokes without reshaping them") {
    const TensorFile stored = read_tensor_file(structure_file(file));
    std::map<std::string, TensorToWrite> kept;
    for (const auto& [name, t] : stored.tensors)
      if (name.rfind("form_head.", 0) != 0) kept[name] = {t.dtype, t.shape, {stored.bytes(t), t.end - t.begin}};
    REQUIRE(kept.size() + 2 == stored.tensors.size());
    test::write_text(structure_file(file), encode_tensor_file(kept, stored.metadata));
    const StructureModel old = StructureModel::load(structure_file(file));
    const StructurePlacement by_old = old.place(structure_of(san), 0, {});
    CHECK(by_old.moves[0].shift.y > 20);
    for (const StrokeMove& move : by_old.moves) CHECK(move.form.is_identity());
  }
  SECTION("a style without stroke forms keeps the structure model's shifts, and the data's stroke shapes") {
    const StructurePlacement by_model = structure.place(structure_of(san), 0, Layout{});
    REQUIRE(std::any_of(by_model.moves.begin(), by_model.moves.end(), [](const StrokeMove& m) { return !m.form.is_identity(); }));
    std::vector<StrokeMove> shifts = by_model.moves;
    for (StrokeMove& move : shifts) move.form = {};
    Layout formless;
    formless.stroke_forms = false;
    save_layouts(layouts_file(file), {{"kai", formless}}, "a test");
    const Glyph without = styled_glyph(*open_model(model_dir, ConditioningMode::stroke), san, "kai", 1.0);
    const Glyph expected = apply_layout(san, by_model.layout, shifts);
    for (size_t k = 0; k < san.strokes.size(); ++k)
      for (size_t i = 0; i < san.strokes[k].median.size(); ++i) {
        CHECK(without.strokes[k].median[i].x == Approx(expected.strokes[k].median[i].x).margin(1e-3));
        CHECK(without.strokes[k].median[i].y == Approx(expected.strokes[k].median[i].y).margin(1e-3));
      }
    CHECK_FALSE(without == placed);
  }
  SECTION("a row for a style the model does not have is refused, naming the file") {
    structure.name_style(0, "nobody");
    structure.save(structure_file(file), "a test");
    CHECK_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Catch::Contains("structure.safetensors") && Catch::Contains("'nobody'"));
  }
  SECTION("a damaged file is one clear error") {
    test::write_text(structure_file(file), "not a tensor file");
    CHECK_THROWS_WITH(open_model(model_dir, ConditioningMode::stroke), Catch::Contains("structure.safetensors"));
  }
}

TEST_CASE("a learnt hand learns a row of the model's structure model from its images", "[style]") {
  test::TempDir dir;
  const auto model_dir = test::save_tiny_model(dir / "model", ConditioningMode::stroke, {"hanzi-writer-data", "kai"}, 5, 7);
  const auto file = resolve_model_file(model_dir, ConditioningMode::stroke);
  // Two hands teach the network that a row says where horizontals go; only "kai" is the model's.
  StructureModel structure = kai_and_others({40, -40});
  structure.save(structure_file(file), "a test");
  // A hand that writes its horizontals high, cut to its writing squares.
  const std::filesystem::path photos = dir / "photos";
  std::filesystem::create_directories(photos);
  for (char32_t c : std::u32string(U"国中永三"))
    for (int v = 1; v <= 2; ++v) {
      const Glyph& glyph = test::sample_library().glyph(c);
      const HandSamples hand = hand_of({&glyph}, -40, {});
      std::vector<Outline> outlines;
      for (const Stroke& stroke : apply_layout(glyph, Layout{}, hand.samples[0].moves).strokes) outlines.push_back(stroke.outline);
      PhotoOptions options = random_photo_options(c * 10u + v);
      options.width = options.height = 160;
      options.rotation_degrees = 0, options.scale = 1.25f, options.offset_x = options.offset_y = 0;  // the box is the photo
      write_png(render_photo(outlines, options), photos / (encode_utf8(c) + "_" + std::to_string(v) + ".png"));
    }
  const std::string common = " --model " + test::shell_quote(model_dir.string()) + " --data " + test::shell_quote(test::sample_dir().string());
  const auto run = test::run_tool("ink-train", "--style-images " + test::shell_quote(photos.string()) + " --name high --steps 2 --framed" + common);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("each character placed by the structure model"));
  const LearnedStyle style = load_learned_style(learned_style_file(file, "high"));
  CHECK(style.structure_row.size() == kStructureRow);
  REQUIRE(style.layout);

  const auto model = open_model(model_dir, ConditioningMode::stroke);
  CHECK(summary_of(*model).structure_styles == std::vector<std::string>{"kai", "high"});
  // The writers place the character by the hand's row, not by its layout alone.
  const Glyph& san = test::sample_library().glyph(U'三');
  StructureModel reloaded = StructureModel::load(structure_file(file));
  const StructurePlacement placed = reloaded.place(structure_of(san), reloaded.add_row("high", style.structure_row), *style.layout);
  const Glyph by_row = styled_glyph(*model, san, "high", 1.0);
  CHECK(by_row == apply_layout(san, placed.layout, placed.moves));
  CHECK_FALSE(by_row == apply_layout(san, *style.layout));
  CHECK(styled_glyph(*model, san, "high", 0.0) == san);
}

TEST_CASE("a structure model file's header names its rows, or is refused in one line") {
  const TensorFile seed = read_tensor_file(test::source_dir() / "fuzz/corpus/structure/two-styles.safetensors");
  CHECK(structure_styles(seed, "seed") == std::vector<std::string>{"kai", "pen"});
  const auto refused = [&](const std::function<void(TensorFile&)>& damage) {
    TensorFile file = seed;
    damage(file);
    try {
      structure_styles(file, "f.safetensors");
    } catch (const InkError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused([](TensorFile& f) { f.metadata["format"] = "hanzi-ink model"; }), Catch::Contains("f.safetensors: not a structure model file"));
  CHECK_THAT(refused([](TensorFile& f) { f.metadata["styles"] = "[\"kai\", \"kai\"]"; }), Catch::Contains("two structure rows for style 'kai'"));
  CHECK_THAT(refused([](TensorFile& f) { f.metadata["styles"] = "{"; }), Catch::Contains("names no styles"));
  CHECK_THAT(refused([](TensorFile& f) { f.metadata["styles"] = "[\"kai\"]"; }), Catch::Contains("not F32 [1, 16]"));
  CHECK_THAT(refused([](TensorFile& f) { f.tensors.erase("rows"); }), Catch::Contains("not F32 [2, 16]"));
}

TEST_CASE("ink-train --structure learns from fonts' splits and measures each font in place on held-out characters", "[style]") {
  test::TempDir dir;
  const std::string json = (dir / "structure.json").string();
  const auto run = test::run_tool("ink-train", "--structure --fonts 'wenkai=LXGW WenKai,kai=AR PL KaitiM GB' --kept-back twkai=TW-Kai "
                                               "--fit-chars seen:10 --chars 5 --steps 20 --threads 1 --json " + test::shell_quote(json) +
                                               " --data " + test::shell_quote(test::sample_dir().string()));
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("wenkai") && Catch::Contains("twkai") && Catch::Contains("own fit + strokes"));
  const nlohmann::json report = nlohmann::json::parse(test::read_text(json));
  REQUIRE(report["fonts"].size() == 3);
  CHECK(report["fonts"][2]["kept_back"] == true);
  for (const auto& font : report["fonts"]) {
    CHECK(font["characters"].get<int>() > 0);
    const auto& iou = font["iou"];
    CHECK(iou[3].get<double>() >= iou[0].get<double>() - 0.02);  // a character's own fit places it at least as well as the typical layout
  }
  // The data's own font is placed where the data puts it.
  CHECK(report["fonts"][1]["iou"][0].get<double>() > 0.95);
  const auto bad = test::run_tool("ink-train", "--structure --fonts wenkai=NoSuchFont --data " + test::shell_quote(test::sample_dir().string()));
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("NoSuchFont"));
}
