// Which characters the models never train on: a fixed 10% chosen by a hash of the code point,
// written once to the committed list strokes/heldout.txt (the list is what the tools read).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"

namespace ink {

bool heldout_by_hash(char32_t codepoint);

// One character per line; '#' starts a comment line.
std::vector<char32_t> read_char_list(const std::filesystem::path& file);
void write_char_list(const std::filesystem::path& file, const std::vector<char32_t>& chars, const std::string& header);

// "all", "heldout", "seen" (each optionally ":N", N characters spread evenly over it), or the characters themselves ("春满干坤"). Literal characters
// without stroke data throw InkError naming them. The result is sorted by code point for the
// named sets and in the given order for literal lists.
std::vector<char32_t> select_chars(const StrokeLibrary& library, const std::string& spec,
                                   const std::filesystem::path& heldout_list);

}  // namespace ink
