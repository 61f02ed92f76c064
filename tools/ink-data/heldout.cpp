// ink-data heldout: rewrite the committed held-out list from the code-point hash. Run once
// when the data version changes; the list, not the hash, is what training and eval read.
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/data/char_sets.h"

namespace ink::data_tool {

int heldout(cli::Args& args) {
  const auto file = args.value("write");
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  if (!file) throw InkError("heldout needs --write FILE");
  std::vector<char32_t> chars;
  for (char32_t c : library.codepoints())
    if (heldout_by_hash(c)) chars.push_back(c);
  write_char_list(*file, chars,
                  "held-out characters of " + library.data_version() + ": splitmix64(code point) % 10 == 0; " +
                      std::to_string(chars.size()) + " of " + std::to_string(library.size()));
  std::printf("wrote %zu held-out characters to %s\n", chars.size(), file->c_str());
  return 0;
}

}  // namespace ink::data_tool
