// The writers on a small untrained model (determinism does not need a good model): the same
// seed writes the same strokes, redo keeps what came before, cancel stops. And ink-write end to
// end, with its errors and Ctrl-C.
#include "torch_catch.h"

#include <signal.h>

#include <chrono>
#include <thread>

#include "ink/model/model_file.h"
#include "ink/raster/stroke_weight.h"
#include "ink/render/image.h"
#include "ink/writing/writer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using test::save_tiny_model;
using Catch::Matchers::Contains;

TEST_CASE("StrokeWriter: the same seed writes the same strokes, another seed or step placement others", "[writer]") {
  test::TempDir dir;
  const auto model = open_model(save_tiny_model(dir.path(), ConditioningMode::stroke), ConditioningMode::stroke);
  const Glyph& glyph = test::sample_library().glyph(U'干');
  WriterSettings settings;
  settings.steps = 3;
  settings.seed = 11;
  StrokeWriter a(model, glyph, settings), b(model, glyph, settings);
  std::vector<int> events;
  a.write([&](const WrittenStroke& s) {
    events.push_back(s.index);
    CHECK(s.count == 3);
    CHECK(s.coverage->width == 16);
  });
  b.write();
  CHECK(events == std::vector<int>{0, 1, 2});
  CHECK(test::same_coverages(a.strokes(), b.strokes()));
  settings.seed = 12;
  StrokeWriter c(model, glyph, settings);
  c.write();
  CHECK(!test::same_coverages(a.strokes(), c.strokes()));

  // Where the steps go matters; a placement with no room for them is refused when the writer is made.
  settings.refine_from = 999;
  StrokeWriter spread(model, glyph, settings);
  spread.write();
  CHECK(!test::same_coverages(c.strokes(), spread.strokes()));
  settings.refine_from = 1;
  CHECK_THROWS_WITH(StrokeWriter(model, glyph, settings), Contains("leaves no room for 2 refining steps"));
}

TEST_CASE("StrokeWriter: redo from stroke k keeps the strokes before k", "[writer]") {
  test::TempDir dir;
  const auto model = open_model(save_tiny_model(dir.path(), ConditioningMode::stroke), ConditioningMode::stroke);
  WriterSettings settings;
  settings.steps = 2;
  StrokeWriter writer(model, test::sample_library().glyph(U'干'), settings);
  writer.write();
  const std::vector<Coverage> first = writer.strokes();
  writer.redo_from(1, 99);
  CHECK(writer.written() == 1);
  writer.write();
  REQUIRE(writer.written() == 3);
  CHECK(writer.strokes()[0].values == first[0].values);
  CHECK(writer.strokes()[1].values != first[1].values);
  CHECK_THROWS_WITH(writer.redo_from(3, 1), Contains("out of range"));
}

TEST_CASE("StrokeWriter: a raised cancel flag stops writing and keeps finished strokes", "[writer]") {
  test::TempDir dir;
  const auto model = open_model(save_tiny_model(dir.path(), ConditioningMode::stroke), ConditioningMode::stroke);
  StrokeWriter writer(model, test::sample_library().glyph(U'永'), WriterSettings{});
  std::atomic<bool> cancel{false};
  CHECK_THROWS_AS(writer.write([&](const WrittenStroke& s) { cancel = s.index == 1; }, &cancel), WritingCancelled);
  CHECK(writer.written() == 2);
  cancel = false;
  writer.write({}, &cancel);  // and it can carry on
  CHECK(writer.written() == 5);
}

TEST_CASE("style strength 0 writes the data's hand and 1 the style as trained", "[writer]") {
  test::TempDir dir;
  const auto model = open_model(save_tiny_model(dir.path(), ConditioningMode::stroke), ConditioningMode::stroke);
  const Glyph& glyph = test::sample_library().glyph(U'干');
  auto write = [&](int style, double strength, double guidance = 1.0) {
    WriterSettings settings;
    settings.steps = 3;
    settings.seed = 4;
    settings.style = style;
    settings.style_strength = strength;
    settings.guidance = guidance;
    StrokeWriter writer(model, glyph, settings);
    writer.write();
    return writer.glyph();
  };
  auto max_difference = [](const Coverage& a, const Coverage& b) {
    float d = 0;
    for (size_t i = 0; i < a.values.size(); ++i) d = std::max(d, std::abs(a.values[i] - b.values[i]));
    return d;
  };
  const Coverage data_hand = write(0, 1.0), style = write(1, 1.0);
  REQUIRE(max_difference(data_hand, style) > 0.05);  // the untrained styles differ
  // Strength 0 is the data's pass alone (batched beside the style's, so equal to rounding).
  CHECK(max_difference(write(1, 0.0), data_hand) < 1e-4f);
  CHECK(max_difference(write(1, 0.5), style) > 1e-3f);
  CHECK(max_difference(write(0, 3.0), data_hand) == 0.0f);  // the data's hand has no strength
  // With guidance too: three passes in one batch, and strength 0 matches guidance on the data's hand.
  CHECK(max_difference(write(1, 0.0, 2.0), write(0, 1.0, 2.0)) < 1e-4f);
}

TEST_CASE("a stroke weight moves each written stroke's edge, and a style's layout gives it", "[writer][weight]") {
  test::TempDir dir;
  const std::filesystem::path file =
      resolve_model_file(save_tiny_model(dir.path(), ConditioningMode::stroke, {"hanzi-writer-data", "pen"}), ConditioningMode::stroke);
  Layout pen, even;
  pen.weight = 1.4f;
  even.even_weight = true;
  save_layouts(layouts_file(file), {{"pen", pen}, {"hanzi-writer-data", even}}, "a test");
  const auto model = open_model(file, ConditioningMode::stroke);
  const auto styled = [&](const std::string& style, double strength) {
    WriterSettings s;
    s.style_strength = strength;
    s.even_weight = true;  // replaced, not kept
    set_styled_weight(s, *model, style);
    return s;
  };
  CHECK(*styled("pen", 1.0).stroke_weight == Approx(1.4f));
  CHECK(!styled("pen", 1.0).even_weight);
  CHECK(*styled("pen", 0.5).stroke_weight == Approx(std::sqrt(1.4f)));
  CHECK(*styled("pen", 0.0).stroke_weight == 1.0f);  // strength 0: the data's hand, weight and all
  CHECK(styled("pen", 0.0).even_weight);
  CHECK(!styled("kai", 1.0).stroke_weight);  // no layout: the model's own weight
  // An even layout without a weight of its own: every stroke onto the data's width.
  CHECK(*styled("hanzi-writer-data", 1.0).stroke_weight == 1.0f);
  CHECK(styled("hanzi-writer-data", 1.0).even_weight);

  const Glyph& glyph = test::sample_library().glyph(U'干');
  WriterSettings settings;
  settings.seed = 5;
  StrokeWriter plain(model, glyph, settings);
  plain.write();
  settings.stroke_weight = 1.4f;
  StrokeWriter heavy(model, glyph, settings);
  heavy.write();
  // The first stroke sees the same (empty) canvas, so it is the plain one with its edge moved to
  // 1.4 times the width of the stroke it was given.
  const float length = static_cast<float>(polyline_length(glyph.strokes[0].median)) * 16 / kBoxSize;
  const Coverage expected = reweighted(plain.strokes()[0], inked_area(plain.reference().strokes[0]), length, 1.4f);
  CHECK(heavy.strokes()[0].values == expected.values);
  CHECK(heavy.strokes().size() == 3);
  settings.stroke_weight = 1.0f;
  settings.even_weight = true;
  StrokeWriter even_hand(model, glyph, settings);
  even_hand.write();
  CHECK(even_hand.strokes()[0].values == reweighted(plain.strokes()[0], inked_area(plain.reference().strokes[0]), length, 1.0f, true).values);
}

TEST_CASE("GlyphWriter is deterministic by seed with a preview per step and models refuse the wrong mode", "[writer]") {
  test::TempDir dir;
  save_tiny_model(dir.path(), ConditioningMode::whole);
  save_tiny_model(dir.path(), ConditioningMode::stroke);
  const auto model = open_model(dir.path(), ConditioningMode::whole);
  const Glyph& glyph = test::sample_library().glyph(U'春');
  WriterSettings settings;
  settings.steps = 4;
  settings.guidance = 2.0;  // the batched guided pass
  int previews = 0;
  const Coverage a = GlyphWriter(model, glyph, settings).write([&](int, const Coverage& x0) {
    ++previews;
    CHECK(x0.width == 16);
  });
  const Coverage b = GlyphWriter(model, glyph, settings).write();
  CHECK(previews == 4);
  CHECK(a.values == b.values);
  // The default: two steps a whole glyph (as good as three, docs/model.md); strokes without a
  // student keep three.
  settings.steps = 0;
  previews = 0;
  GlyphWriter(model, glyph, settings).write([&](int, const Coverage&) { ++previews; });
  CHECK(previews == 2);
  CHECK(steps_for(*open_model(dir.path(), ConditioningMode::stroke), 0, 0) == 3);
  settings.steps = 4;
  CHECK_THROWS_WITH(StrokeWriter(model, glyph, settings), Contains("needs a 'stroke' model"));
  CHECK_THROWS_WITH(open_model(dir / "whole" / "model.safetensors", ConditioningMode::stroke), Contains("'whole' model"));
  CHECK_THROWS_WITH(open_model(dir / "nowhere", ConditioningMode::stroke), Contains("nowhere"));
  test::write_text(dir / "broken.pt", "not a model");
  CHECK_THROWS_WITH(open_model(dir / "broken.pt", ConditioningMode::stroke), Contains("broken.pt") && Contains("not a readable model"));
}

TEST_CASE("ink-write writes PNG and GIF and Hanzi Writer JSON and refuses bad input in one line", "[writer]") {
  test::TempDir dir;
  const std::string model = test::shell_quote(save_tiny_model(dir.path(), ConditioningMode::stroke).string());
  const std::string data = " --data " + test::shell_quote(test::sample_dir().string());
  const std::string out = test::shell_quote(dir.path().string());
  const test::ToolRun ok = test::run_tool(
      "ink-write", "干十 --model " + model + data + " --steps 2 --size 128 --png " + out + "/a.png --gif " + out + "/a.gif --json " + out + "/a.json");
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  const Image png = read_image(dir / "a.png");
  CHECK(png.width == 256);  // two characters in a row
  CHECK(png.height == 128);
  CHECK(test::read_text(dir / "a.gif").substr(0, 6) == "GIF89a");
  CHECK_THAT(test::read_text(dir / "a-干.json"), Contains("\"strokes\"") && Contains("\"medians\""));
  CHECK(std::filesystem::exists(dir / "a-十.json"));

  // On a painting: the painting's size, the writing where --place puts it, sized to fill it.
  Image painting(300, 200, Rgb{40, 120, 200});
  write_png(painting, dir / "painting.png");
  const test::ToolRun painted = test::run_tool("ink-write", "干十 --model " + model + data + " --steps 2 --background " + out +
                                                                "/painting.png --place 0.5,0.5,1 --png " + out + "/p.png --gif " + out + "/p.gif");
  INFO(painted.err);
  REQUIRE(painted.exit_code == 0);
  const Image on_painting = read_image(dir / "p.png");
  CHECK(on_painting.width == 300);
  CHECK(on_painting.height == 200);
  CHECK(on_painting.at(3, 3).b == 200);  // the painting, in the margin
  int changed = 0;
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 300; ++x) changed += on_painting.at(x, y).b != 200;
  CHECK(changed > 100);  // and ink on it
  CHECK_THAT(painted.out, Contains("wrote " + dir.path().string() + "/p.png (300x200)"));

  auto fails = [&](const std::string& args, const std::string& message) {
    const test::ToolRun run = test::run_tool("ink-write", args);
    INFO(args << "\n" << run.err);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("ink-write: error:") && Contains(message));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  };
  fails("𠀀 --model " + model + data + " --png " + out + "/x.png", "no stroke data for '𠀀'");
  fails("干 --model " + out + "/missing" + data + " --png " + out + "/x.png", "missing");
  fails("干 --model " + model + " --mode whole" + data + " --png " + out + "/x.png", "no whole/model.safetensors");
  fails("干 --model " + model + data + " --png /etc/passwd/x.png", "cannot write");
  fails("干 --model " + model + data, "nothing to write");
  fails("干 --model " + model + data + " --steps 0 --png " + out + "/x.png", "--steps");
  fails("干 --model " + model + data + " --refine-from 0 --png " + out + "/x.png", "--refine-from");
  fails("干 --model " + model + data + " --steps 5 --refine-from 2 --png " + out + "/x.png", "leaves no room");
  fails("干 --model " + model + data + " --style-strength 2.5 --png " + out + "/x.png", "--style-strength");
  fails("干 --model " + model + data + " --style nope --png " + out + "/x.png", "style 'nope' unknown");
  fails("干 --model " + model + data + " --direction bogus --png " + out + "/x.png", "--direction bogus: expected row or column");
  fails("干 --model " + model + data + " --detail maybe --png " + out + "/x.png", "--detail must be on or off, got 'maybe'");
  // The front that answers these links no libtorch: mistakes cost no libtorch start-up.
  const test::ToolRun linked = test::run_shell("ldd " + test::shell_quote((std::filesystem::path(INK_TOOLS_DIR) / "ink-write").string()));
  CHECK(linked.exit_code == 0);
  CHECK(linked.out.find("libtorch") == std::string::npos);
  CHECK(linked.out.find("libc10") == std::string::npos);
  fails("干 --model " + model + data + " --background " + out + "/none.png --png " + out + "/x.png", "none.png: cannot open");
  fails("干 --model " + model + data + " --place 0.5 --png " + out + "/x.png", "--place 0.5: expected X,Y or X,Y,SCALE");
  fails("干 --model " + model + data + " --place 0.5,2 --png " + out + "/x.png", "--place 0.5,2");
  fails("干 --model " + model + data + " --place 0.5,0.5,3 --png " + out + "/x.png", "SCALE from 0.1 to 1.5");
  // A page wider than a GIF can say is refused before anything is written (it once wrapped to
  // 1,664 px and said "wrote").
  std::string long_text;
  for (int i = 0; i < 2100; ++i) long_text += "干";
  fails(long_text + " --size 32 --model " + model + data + " --gif " + out + "/x.gif", "a page of 2100 characters at 32 px is 67200 x 32 px");
  CHECK(!std::filesystem::exists(dir / "x.png"));
  CHECK(!std::filesystem::exists(dir / "x.gif"));
}

TEST_CASE("ink-write stopped with Ctrl-C keeps the characters it finished", "[writer][slow]") {
  test::TempDir dir;
  const std::filesystem::path model = save_tiny_model(dir.path(), ConditioningMode::stroke);
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "干";
  const pid_t child = test::start_tool("ink-write",
                                       {text, "--model", model.string(), "--data", test::sample_dir().string(), "--steps", "1",
                                        "--size", "32", "--png", (dir / "page.png").string()},
                                       dir / "err");
  REQUIRE(child > 0);
  // The progress bar, on a file, prints a line every 10%: stop after the first.
  const auto progress = [&] { return std::filesystem::exists(dir / "err") ? test::read_text(dir / "err") : std::string(); };
  for (int i = 0; i < 600 && progress().find("10%") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(test::stop_tool(child, SIGINT) == 130);
  const std::string err = test::read_text(dir / "err");
  INFO(err);
  CHECK_THAT(err, Contains("ink-write: interrupted: wrote the") && Contains("finished characters of 1000"));
  const Image page = read_image(dir / "page.png");
  CHECK(page.height == 32);
  CHECK(page.width >= 32);
  CHECK(page.width < 1000 * 32);  // only what was finished
}
