// The viewer, run for real under xvfb-run + Mesa llvmpipe: screenshots mid-way and at the end
// of writing 永 (ink where the first strokes are, paper where the last will be), a GIF exported
// from the window that matches the screen, a broken shader's error, bad input shown without a
// crash, no display, a run of random UI events, and a canvas drawn again only where it changed.
#include <catch2/catch.hpp>
#include <gif_lib.h>

#include <cmath>
#include <sstream>

#include "ink/dataset/stroke_step.h"
#include "ink/render/brush_timeline.h"
#include "ink/render/image.h"
#include "test_helpers.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

test::ToolRun run_viewer(const std::string& arguments, const std::string& environment = "") {
  return test::run_shell(environment + " xvfb-run -a -s '-screen 0 1280x800x24' " +
                         test::shell_quote((std::filesystem::path(INK_TOOLS_DIR) / "hanzi-ink").string()) +
                         " --data " + test::shell_quote(test::sample_dir().string()) + " " + arguments);
}

struct Cell {
  float left = 0, top = 0, size = 0;
  int drawn = 0;  // the texture's size
};

// "cell 0 永 LEFT TOP SIZE DRAWN", printed with each screenshot.
Cell cell_of(const std::string& out) {
  std::istringstream lines(out);
  std::string word, c;
  Cell cell;
  int index;
  while (lines >> word)
    if (word == "cell" && lines >> index >> c >> cell.left >> cell.top >> cell.size >> cell.drawn) return cell;
  FAIL("no cell line in: " << out);
  return cell;
}

struct Reference {
  std::vector<Coverage> strokes;
  std::vector<Polyline> medians;
  std::shared_ptr<BrushTimeline> timeline;  // the timing the viewer uses (it depends on medians only)
};

Reference reference(char32_t c) {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(c);
  Reference r;
  r.strokes = render_glyph_planes(glyph, rasterizer, 64).strokes;
  for (const Stroke& s : glyph.strokes) r.medians.push_back(s.median);
  r.timeline = std::make_shared<BrushTimeline>(r.strokes, r.medians, 512);
  return r;
}

float luminance(const Image& image, int x, int y) {
  const Rgb p = image.at(x, y);
  return 0.299f * p.r + 0.587f * p.g + 0.114f * p.b;
}

// The share of stroke k's own core (inside it, away from every other stroke) that shows ink.
float inked_share(const Image& shot, const Cell& cell, const Reference& r, int k) {
  const int size = static_cast<int>(std::lround(cell.size));
  std::vector<Coverage> masks;
  for (const Coverage& s : r.strokes) masks.push_back(upsample_coverage(s, size));
  int core = 0, inked = 0;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      if (masks[k].at(x, y) < 0.99f) continue;
      bool alone = true;
      for (size_t j = 0; j < masks.size(); ++j) alone &= static_cast<int>(j) == k || masks[j].at(x, y) < 0.01f;
      if (!alone) continue;
      ++core;
      inked += luminance(shot, static_cast<int>(cell.left) + x, static_cast<int>(cell.top) + y) < 110;
    }
  return core ? static_cast<float>(inked) / core : 0.0f;
}

}  // namespace

TEST_CASE("mid-way through 永 the window shows ink on the first strokes and paper where the last will be", "[viewer]") {
  test::TempDir dir;
  const Reference r = reference(U'永');
  const StrokeTiming third = r.timeline->timings()[2];
  const double at = third.start + 0.5 * third.duration;
  const test::ToolRun run = run_viewer("永 --screenshot " + test::shell_quote((dir / "mid.png").string()) + " --at " + std::to_string(at));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const Image shot = read_image(dir / "mid.png");
  CHECK(shot.width == 1280);
  CHECK(shot.height == 800);
  const Cell cell = cell_of(run.out);
  CHECK(inked_share(shot, cell, r, 0) > 0.6f);
  CHECK(inked_share(shot, cell, r, 1) > 0.6f);
  CHECK(inked_share(shot, cell, r, 3) < 0.05f);
  CHECK(inked_share(shot, cell, r, 4) < 0.05f);
  // Bare paper is paper-coloured (warm, light), not black or the clear colour.
  const Rgb paper = shot.at(static_cast<int>(cell.left + 4), static_cast<int>(cell.top + 4));
  CHECK(paper.r > 200);
  CHECK(paper.r > paper.b);
}

TEST_CASE("at the end every stroke of 永 is inked, with smooth edges", "[viewer]") {
  test::TempDir dir;
  const Reference r = reference(U'永');
  const test::ToolRun run = run_viewer("永 --screenshot " + test::shell_quote((dir / "end.png").string()));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const Image shot = read_image(dir / "end.png");
  const Cell cell = cell_of(run.out);
  for (int k = 0; k < 5; ++k) CHECK(inked_share(shot, cell, r, k) > 0.6f);
  // Smooth edges: between ink and paper there are grey pixels, not a hard step.
  int ink = 0, grey = 0;
  for (int y = 0; y < static_cast<int>(cell.size); ++y)
    for (int x = 0; x < static_cast<int>(cell.size); ++x) {
      const float l = luminance(shot, static_cast<int>(cell.left) + x, static_cast<int>(cell.top) + y);
      ink += l < 60;
      grey += l >= 80 && l <= 180;
    }
  CHECK(ink > 1000);
  CHECK(grey > ink / 50);
  // Drawn at the size it is shown, not enlarged from a smaller texture nor kept far larger.
  CHECK(cell.drawn >= cell.size);
  CHECK(cell.drawn < 1.6f * cell.size);
}

TEST_CASE("a GIF exported from the window matches what the window shows at the same moment", "[viewer]") {
  test::TempDir dir;
  const Reference r = reference(U'永');
  const StrokeTiming fourth = r.timeline->timings()[3];
  const double at = fourth.start + fourth.duration + 0.5;  // between strokes: no moving front
  const test::ToolRun run = run_viewer("永 --screenshot " + test::shell_quote((dir / "shot.png").string()) + " --at " +
                                       std::to_string(at) + " --export " + test::shell_quote((dir / "yong.gif").string()));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("wrote") && Contains("yong.gif"));
  const Image shot = read_image(dir / "shot.png");
  const Cell cell = cell_of(run.out);

  int error = 0;
  GifFileType* gif = DGifOpenFileName((dir / "yong.gif").c_str(), &error);
  REQUIRE(gif);
  REQUIRE(DGifSlurp(gif) == GIF_OK);
  // Compose frames until the one showing `at`.
  std::vector<uint8_t> canvas(static_cast<size_t>(gif->SWidth) * gif->SHeight, 0);
  double clock = 0;
  for (int f = 0; f < gif->ImageCount && clock <= at; ++f) {
    const SavedImage& image = gif->SavedImages[f];
    const GifImageDesc& d = image.ImageDesc;
    for (int y = 0; y < d.Height; ++y)
      for (int x = 0; x < d.Width; ++x) canvas[static_cast<size_t>(d.Top + y) * gif->SWidth + d.Left + x] = image.RasterBits[y * d.Width + x];
    GraphicsControlBlock gcb;
    DGifSavedExtensionToGCB(gif, f, &gcb);
    clock += gcb.DelayTime / 100.0;
  }
  const int levels = gif->SColorMap->ColorCount >= 16 ? 16 : gif->SColorMap->ColorCount;
  // Both as ink masks over the GIF's 512 px cell: the same pixels inked.
  int both = 0, either = 0;
  const float scale = cell.size / gif->SWidth;
  for (int y = 0; y < gif->SHeight; ++y)
    for (int x = 0; x < gif->SWidth; ++x) {
      const bool in_gif = canvas[static_cast<size_t>(y) * gif->SWidth + x] >= levels / 2;
      const bool on_screen =
          luminance(shot, static_cast<int>(cell.left + (x + 0.5f) * scale), static_cast<int>(cell.top + (y + 0.5f) * scale)) < 128;
      both += in_gif && on_screen;
      either += in_gif || on_screen;
    }
  DGifCloseFile(gif, &error);
  REQUIRE(either > 1000);
  CHECK(static_cast<double>(both) / either > 0.95);
}

TEST_CASE("a shader that fails to compile is named in one line with the GLSL log", "[viewer]") {
  test::TempDir dir;
  for (const char* name : {"quad.vert", "paper.frag", "ink.frag"})
    std::filesystem::copy_file(test::source_dir() / "shaders" / name, dir / name);
  test::write_text(dir / "ink.frag", test::read_text(dir / "ink.frag") + "\nthis is not GLSL;\n");
  const test::ToolRun run = run_viewer("永 --screenshot " + test::shell_quote((dir / "shot.png").string()),
                                       "HZ_SHADER_DIR=" + test::shell_quote(dir.path().string()));
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains("hanzi-ink: error: shader '") && Contains("ink.frag' failed to compile") && Contains("error"));
  // The window still came up and showed the error instead of a canvas.
  CHECK(std::filesystem::exists(dir / "shot.png"));
}

TEST_CASE("bad input is shown in the window, not a crash", "[viewer]") {
  test::TempDir dir;
  SECTION("a character with no stroke data is left out and named") {
    const test::ToolRun run = run_viewer("'永A' --screenshot " + test::shell_quote((dir / "a.png").string()));
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("no stroke data for 'A' (U+0041)"));
    CHECK_THAT(run.out, Contains("cell 0 永"));  // 永 was still written
  }
  SECTION("a model directory that does not exist") {
    const test::ToolRun run = run_viewer("永 --model /nonexistent/model --screenshot " + test::shell_quote((dir / "m.png").string()));
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("/nonexistent/model"));
    CHECK(std::filesystem::exists(dir / "m.png"));
  }
  SECTION("an unreadable background image") {
    test::write_text(dir / "broken.png", "not a png");
    const test::ToolRun run = run_viewer("永 --background " + test::shell_quote((dir / "broken.png").string()) + " --screenshot " +
                                         test::shell_quote((dir / "b.png").string()));
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("broken.png"));
  }
  SECTION("a text longer than the viewer holds is refused in one line") {
    std::string text;
    for (int i = 0; i < 1001; ++i) text += "一";
    const test::ToolRun run = run_viewer(text + " --screenshot " + test::shell_quote((dir / "l.png").string()));
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("the viewer writes at most 1000 characters at a time; this text has 1001"));
  }
  SECTION("an unwritable export path") {
    const test::ToolRun run = run_viewer("永 --screenshot " + test::shell_quote((dir / "e.png").string()) + " --export /nonexistent/dir/x.gif");
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("cannot write '/nonexistent/dir/x.gif"));
  }
}

TEST_CASE("the window closes cleanly while a background image is still loading", "[viewer]") {
  // The loader's thread writes into the viewer's pending background; the viewer must join it
  // before that state goes (under AddressSanitizer a wrong order is a use-after-free report).
  test::TempDir dir;
  Image painting(4000, 3000, Rgb{200, 180, 150});
  for (int y = 0; y < painting.height; y += 7)
    for (int x = (y * 13) % 11; x < painting.width; x += 11) painting.at(x, y) = Rgb{20, 30, 40};
  write_png(painting, dir / "painting.png");
  for (int round = 0; round < 3; ++round) {
    const test::ToolRun run = run_viewer("永 --background " + test::shell_quote((dir / "painting.png").string()) + " --screenshot " +
                                         test::shell_quote((dir / "s.png").string()) + " --at 0");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK_FALSE(Contains("Sanitizer").match(run.err));
  }
}

TEST_CASE("SIGTERM and SIGINT end the viewer within seconds, mid-writing", "[viewer]") {
  const std::string viewer = test::shell_quote((std::filesystem::path(INK_TOOLS_DIR) / "hanzi-ink").string());
  for (const auto& [signal, number] : {std::pair{"TERM", 15}, std::pair{"INT", 2}}) {
    // Forty characters keep the model busy; the signal comes while it writes: two seconds after
    // the viewer catches it (its window is open; the kernel lists the caught signals in SigCgt),
    // however long a loaded machine or a sanitizer takes to start it.
    std::string text;
    for (int i = 0; i < 40; ++i) text += "永";
    // Job control (set -m), as in a terminal: without it a shell starts background commands
    // with SIGINT ignored, and the viewer (rightly) leaves an ignored signal ignored.
    const std::string caught = "(( 0x$(awk '/SigCgt/ {print $2}' /proc/$pid/status) & (1 << " + std::to_string(number - 1) + ") ))";
    const std::string script = "set -m; " + viewer + " " + text + " --data " + test::shell_quote(test::sample_dir().string()) +
                               " & pid=$!; for i in $(seq 300); do " + caught + " && break; sleep 0.1; done; sleep 2; " +
                               "start=$(date +%s%N); kill -" + signal +
                               " $pid; wait $pid; rc=$?; echo rc=$rc ms=$(( ($(date +%s%N) - start) / 1000000 ))";
    const test::ToolRun run = test::run_shell("timeout 60 xvfb-run -a -s '-screen 0 1280x800x24' bash -c " + test::shell_quote(script));
    INFO(signal << ": " << run.out << run.err);
    CHECK_THAT(run.out, Contains("rc=0"));
    const auto ms = run.out.find("ms=");
    REQUIRE(ms != std::string::npos);
    // Under a second in a plain build; about 3 s under AddressSanitizer, which slows each step.
    CHECK(std::stoi(run.out.substr(ms + 3)) < 6000);
  }
}

TEST_CASE("without a display the viewer says so in one line", "[viewer]") {
  const test::ToolRun run = test::run_shell("env -u DISPLAY -u WAYLAND_DISPLAY " +
                                            test::shell_quote((std::filesystem::path(INK_TOOLS_DIR) / "hanzi-ink").string()) + " 永");
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains("hanzi-ink: error: no display"));
}

TEST_CASE("1,000 random UI events end without a crash", "[viewer]") {
  const test::ToolRun run = run_viewer("永 --random-events 1000 --events-seed 7");
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("1000 events"));
}

TEST_CASE("the canvas is drawn again only where it changed", "[viewer]") {
  // The frame bench runs the window as it writes, first drawing the whole canvas every frame,
  // then only the cells that changed (shown as an image, then copied into the window), and says
  // how much of the canvas each frame drew.
  const test::ToolRun run = run_viewer("永永永 --bench-frames 40");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  auto drawn_share = [&](const std::string& heading) {
    const size_t at = run.out.find(heading);
    REQUIRE(at != std::string::npos);
    const size_t percent = run.out.find('%', at);
    const size_t start = run.out.rfind(' ', percent) + 1;
    return std::stod(run.out.substr(start, percent - start));
  };
  CHECK(drawn_share("canvas drawn whole, shown as an image") == Approx(100).margin(0.5));
  // Three characters in a row: one is being written at a time.
  CHECK(drawn_share("canvas drawn where it changed, shown as an image") < 50);
  CHECK(drawn_share("canvas drawn where it changed, copied into the window") < 50);
}
