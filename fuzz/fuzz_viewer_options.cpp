// hanzi-ink's command line: the input is split into arguments at newlines.
#include <string>
#include <vector>

#include "fuzz_main.h"
#include "viewer_options.h"

INK_FUZZ_TARGET({
  std::vector<std::string> words{"hanzi-ink"};
  size_t start = 0;
  while (start <= input.size() && words.size() < 64) {
    const size_t end = std::min(input.find('\n', start), input.size());
    words.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  ink::app::parse_viewer_options(static_cast<int>(argv.size()), argv.data());
})
