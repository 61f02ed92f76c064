// The held-out set and character selection.
#include "ink/data/char_sets.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"

namespace ink {

bool heldout_by_hash(char32_t codepoint) {
  // splitmix64 finaliser: neighbouring code points (radical families) land independently.
  uint64_t z = static_cast<uint64_t>(codepoint) + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return z % 10 == 0;
}

std::vector<char32_t> read_char_list(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InkError(file.string() + ": cannot open character list");
  std::vector<char32_t> chars;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::u32string decoded = decode_utf8(line, file.string() + ":" + std::to_string(number));
    if (decoded.size() != 1) throw InkError(file.string() + ":" + std::to_string(number) + ": expected one character per line");
    chars.push_back(decoded[0]);
  }
  return chars;
}

void write_char_list(const std::filesystem::path& file, const std::vector<char32_t>& chars, const std::string& header) {
  std::string text;
  if (!header.empty()) text += "# " + header + "\n";
  for (char32_t c : chars) text += encode_utf8(c) + "\n";
  write_file_atomic(file, text);
}

std::vector<char32_t> select_chars(const StrokeLibrary& library, const std::string& spec,
                                   const std::filesystem::path& heldout_list) {
  // "seen:3000": that many characters spread evenly over the set, for smaller datasets.
  if (const size_t colon = spec.find(':'); colon != std::string::npos) {
    const std::string base = spec.substr(0, colon), count_text = spec.substr(colon + 1);
    if (base != "all" && base != "seen" && base != "heldout")
      throw InkError("'" + spec + "': a count goes after all, seen or heldout (e.g. seen:3000)");
    size_t count = 0;
    for (char c : count_text) {
      if (c < '0' || c > '9') throw InkError("'" + spec + "': '" + count_text + "' is not a count");
      count = count * 10 + static_cast<size_t>(c - '0');
    }
    const std::vector<char32_t> all = select_chars(library, base, heldout_list);
    if (count == 0 || count >= all.size()) return all;
    std::vector<char32_t> spread;
    for (size_t i = 0; i < count; ++i) spread.push_back(all[i * all.size() / count]);
    return spread;
  }
  if (spec == "all") return library.codepoints();
  if (spec == "heldout" || spec == "seen") {
    const auto listed = read_char_list(heldout_list);
    const std::set<char32_t> heldout(listed.begin(), listed.end());
    std::vector<char32_t> out;
    for (char32_t c : library.codepoints())
      if ((heldout.count(c) > 0) == (spec == "heldout")) out.push_back(c);
    return out;
  }
  const std::u32string chars = decode_utf8(spec, "character list");
  if (chars.empty()) throw InkError("empty character list (expected all, heldout, seen or characters)");
  std::vector<char32_t> out;
  for (char32_t c : chars) {
    if (c == U' ' || c == U'\n') continue;
    library.glyph(c);  // throws with the character's name when there is no data
    out.push_back(c);
  }
  return out;
}

}  // namespace ink
