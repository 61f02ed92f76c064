// Bad input through the real tool: one clear line on stderr, exit code 1, no crash, and no
// output file left behind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ink/data/char_sets.h"
#include "ink/render/image.h"
#include "test_helpers.h"

using namespace ink;
using test::shell_quote;

namespace {

void check_one_line_error(const test::ToolRun& run, const std::string& expected) {
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.rfind("ink-data: error: ", 0) == 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.find(expected) != std::string::npos);
}

std::string sample() { return " --data " + shell_quote(test::sample_dir().string()); }

// ink-data photos of LXGW WenKai into `out`, which must succeed.
void wenkai_photos(const std::string& options, const std::filesystem::path& out) {
  const auto made = test::run_ink_data("photos --font 'LXGW WenKai' " + options + " --out " + shell_quote(out.string()));
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
}

}  // namespace

TEST_CASE("ink-data show writes a sheet for known characters", "[cli]") {
  test::TempDir dir;
  const auto run = test::run_ink_data("show 干坤 --size 64 --png " + shell_quote((dir / "s.png").string()) + sample());
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(std::filesystem::file_size(dir / "s.png") > 1000);
}

TEST_CASE("an unknown character is one clear error", "[cli][errors]") {
  test::TempDir dir;
  check_one_line_error(test::run_ink_data("show 永𠀀 --png " + shell_quote((dir / "s.png").string()) + sample()),
                       "no stroke data for '𠀀' (U+20000)");
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("malformed JSON and bad paths name the file", "[cli][errors]") {
  test::TempDir data, out;
  test::write_text(data / "永.json", "{\"strokes\": [\"M 0 0 L 5 5 Z\"], \"medians\": [[[0,0],[5");
  check_one_line_error(test::run_ink_data("show 永 --png " + shell_quote((out / "s.png").string()) + " --data " +
                                          shell_quote(data.path().string())),
                       "永.json: malformed JSON");
  test::write_text(data / "永.json", R"({"strokes": ["M 0 0 L 5 5 T 1 1 Z"], "medians": [[[0,0],[5,5]]]})");
  check_one_line_error(test::run_ink_data("show 永 --png " + shell_quote((out / "s.png").string()) + " --data " +
                                          shell_quote(data.path().string())),
                       "bad SVG path at offset 12: unsupported command 'T'");
  CHECK(std::filesystem::is_empty(out.path()));
}

TEST_CASE("a broken pack file is one clear error", "[cli][errors]") {
  test::TempDir dir;
  test::write_text(dir / "broken.inkpack", std::string("HZINKPK\0 definitely not a pack", 31));  // past the magic
  check_one_line_error(test::run_ink_data("stats --data " + shell_quote((dir / "broken.inkpack").string())), "broken.inkpack");
}

TEST_CASE("a missing font is one clear error naming the family and the package", "[cli][errors]") {
  test::TempDir dir;
  check_one_line_error(test::run_ink_data("build --out " + shell_quote((dir / "ds").string()) +
                                          " --chars 永 --font 'No Such Brush'" + sample()),
                       "font family 'No Such Brush' is not installed");
  CHECK_FALSE(std::filesystem::exists(dir / "ds" / "manifest.json"));
}

TEST_CASE("photos of a character the font maps to an empty glyph are refused, not written blank", "[cli][errors]") {
  test::TempDir dir;
  // Aoyagi Kouzan T maps 咸 to a glyph without ink, as some fonts do for characters they lack.
  check_one_line_error(test::run_ink_data("photos --font AoyagiKouzanFontT --chars 永咸 --variants 1 --out " + shell_quote((dir / "p").string())),
                       "'AoyagiKouzanFontT' has no glyph for '咸'");
  CHECK_FALSE(std::filesystem::exists(dir / "p" / "永_1.png"));  // checked before any is written
}

TEST_CASE("unwritable outputs are one clear error and leave nothing behind", "[cli][errors]") {
  test::TempDir dir;
  check_one_line_error(test::run_ink_data("show 永 --png " + shell_quote((dir / "no" / "such" / "dir.png").string()) + sample()),
                       "cannot write");
  check_one_line_error(test::run_ink_data("show 永 --png /etc/passwd/x.png" + sample()), "cannot write '/etc/passwd/x.png'");
  test::write_text(dir / "file", "in the way");
  check_one_line_error(test::run_ink_data("build --chars 永 --out " + shell_quote((dir / "file" / "ds").string()) + sample()),
                       "cannot write");
  CHECK(test::read_text(dir / "file") == "in the way");
}

TEST_CASE("usage mistakes are one clear error", "[cli][errors]") {
  check_one_line_error(test::run_ink_data("frobnicate"), "unknown command 'frobnicate'");
  check_one_line_error(test::run_ink_data("show 永 --png x.png --colour red" + sample()), "unknown option --colour");
  check_one_line_error(test::run_ink_data("show 永" + sample()), "show needs --png FILE");
  check_one_line_error(test::run_ink_data("build --out x --size 3" + sample()), "--size 3: expected a whole number in 8..1024");
  check_one_line_error(test::run_ink_data("show \"$(printf '\\377')\" --png x.png" + sample()), "invalid UTF-8");
  check_one_line_error(test::run_ink_data("photos --font 'LXGW WenKai' --out x --framed --grid"), "--framed and --grid");
  check_one_line_error(test::run_ink_data("photos --font 'LXGW WenKai' --out x --page"), "--page writes the characters in a practice grid's squares");
  check_one_line_error(test::run_ink_data("photos --font 'LXGW WenKai' --out x --grid --page --chars 一二三四五六七八九十"),
                       "--page: 10 characters, a page photo shows 9 squares");
  check_one_line_error(test::run_ink_data("photos --font 'LXGW WenKai' --out x --chars ''"), "--chars is empty");
}

TEST_CASE("a sheet bigger than an image may be is refused before it is drawn", "[cli][errors]") {
  // 5,000 characters once made an 840 x 680,024 px PNG without a word.
  test::TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "干";
  check_one_line_error(test::run_ink_data("show " + text + " --png " + shell_quote((dir / "s.png").string()) + sample()),
                       "a stroke-order sheet of 5000 characters is");
  CHECK(!std::filesystem::exists(dir / "s.png"));
}

TEST_CASE("ink-data photos --grid then split --grid finds each practice-grid square and splits what it holds", "[cli]") {
  test::TempDir dir;
  wenkai_photos("--chars 中春 --variants 2 --size 256 --grid", dir / "grid");
  CHECK(read_image(dir / "grid" / "中_1.png").width == 256);
  const auto split = test::run_ink_data("split " + shell_quote((dir / "grid").string()) + " --grid --sheet " + shell_quote((dir / "s.png").string()) + sample());
  INFO(split.out << split.err);
  CHECK(split.exit_code == 0);
  CHECK(split.out.find("4 of 4 images split") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "s.png"));
  // Without a grid to find, each photo is named and skipped.
  wenkai_photos("--chars 中 --variants 1", dir / "plain");
  const auto none = test::run_ink_data("split " + shell_quote((dir / "plain").string()) + " --grid" + sample());
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("中_1.png: no practice-grid square found") != std::string::npos);
}

TEST_CASE("ink-data photos --grid --page then split --grid cuts a page into its characters, in reading order", "[cli]") {
  test::TempDir dir;
  wenkai_photos("--chars 春满干坤中 --variants 1 --grid --page", dir / "pages");
  CHECK(read_image(dir / "pages" / "春满干坤中_1.png").width == 640);
  const auto split = test::run_ink_data("split " + shell_quote((dir / "pages").string()) + " --grid" + sample());
  INFO(split.out << split.err);
  CHECK(split.exit_code == 0);
  CHECK(split.out.find("春满干坤中_1.png: 春, 9 strokes") != std::string::npos);
  CHECK(split.out.find("5 of 5 images split") != std::string::npos);
  // The same page under another name: said in one line, the page left out.
  std::filesystem::copy_file(dir / "pages" / "春满干坤中_1.png", dir / "春满_1.png");
  const auto misnamed = test::run_ink_data("split " + shell_quote((dir / "春满_1.png").string()) + " --grid" + sample());
  CHECK(misnamed.exit_code == 1);
  CHECK(misnamed.err.find("春满_1.png: 5 of its 9 squares are written in, its name holds 2 characters (春满)") != std::string::npos);
}

TEST_CASE("ink-data build then peek shows a sample's channels side by side", "[cli]") {
  test::TempDir dir;
  const auto built = test::run_ink_data("build --size 16 --chars 干 --out " + shell_quote((dir / "ds").string()) + sample());
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  const std::string shard = shell_quote((dir / "ds" / "stroke_step-00000.shard").string());
  const auto run = test::run_ink_data("peek " + shard + " --index 2 --zoom 2 --png " + shell_quote((dir / "p.png").string()));
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("stroke 3 of 3") != std::string::npos);
  const Image image = read_image(dir / "p.png");
  CHECK(image.width == 4 * (16 * 2 + 4) - 4);
  CHECK(image.height == 16 * 2);
  check_one_line_error(test::run_ink_data("peek " + shard + " --index 3 --png x.png"), "--index 3 out of range (3 samples)");
}

TEST_CASE("ink-data build leaves the held-out characters out unless asked", "[cli]") {
  test::TempDir dir;
  const auto run = test::run_ink_data("build --size 8 --out " + shell_quote((dir / "ds").string()) + sample());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto manifest = nlohmann::json::parse(test::read_text(dir / "ds" / "manifest.json"));
  CHECK(manifest["selection"] == "seen");
  const auto heldout = read_char_list(test::source_dir() / "strokes" / "heldout.txt");
  size_t seen = 0;
  for (char32_t c : test::sample_library().codepoints())
    seen += std::find(heldout.begin(), heldout.end(), c) == heldout.end();
  REQUIRE(seen < test::sample_library().size());  // the sample has held-out characters to leave out
  CHECK(manifest["characters"] == seen);
}
