// Argument parsing and error reporting shared by the tools.
#include "cli.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "ink/base/error.h"
#include "ink/base/paths.h"

namespace ink::cli {

Args::Args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) items_.emplace_back(argv[i]);
  used_.assign(items_.size(), false);
}

std::optional<std::string> Args::value(const std::string& name) {
  const std::string option = "--" + name;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (used_[i] || items_[i] != option) continue;
    if (i + 1 >= items_.size()) throw InkError(option + " needs a value");
    used_[i] = used_[i + 1] = true;
    return items_[i + 1];
  }
  return std::nullopt;
}

bool Args::flag(const std::string& name) {
  const std::string option = "--" + name;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (used_[i] || items_[i] != option) continue;
    used_[i] = true;
    return true;
  }
  return false;
}

std::string Args::value_or(const std::string& name, const std::string& fallback) {
  return value(name).value_or(fallback);
}

int Args::int_value(const std::string& name, int fallback, int min, int max) {
  const auto text = value(name);
  if (!text) return fallback;
  size_t end = 0;
  int v = 0;
  try {
    v = std::stoi(*text, &end);
  } catch (const std::exception&) {
    end = 0;
  }
  if (end != text->size() || v < min || v > max)
    throw InkError("--" + name + " " + *text + ": expected a whole number in " + std::to_string(min) + ".." + std::to_string(max));
  return v;
}

std::string Args::positional(const std::string& what) {
  for (size_t i = 0; i < items_.size(); ++i) {
    if (used_[i]) continue;
    if (items_[i].rfind("--", 0) == 0) throw InkError("unknown option " + items_[i]);
    used_[i] = true;
    return items_[i];
  }
  throw InkError("missing " + what);
}

void Args::finish() const {
  for (size_t i = 0; i < items_.size(); ++i)
    if (!used_[i]) throw InkError((items_[i].rfind("--", 0) == 0 ? "unknown option " : "unexpected argument ") + items_[i]);
}

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool asked_for_help(int argc, char** argv, const std::string& usage) {
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::fputs(usage.c_str(), stdout);
      return true;
    }
  return false;
}

int run_tool(const char* tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: error: out of memory\n", tool);
  } catch (const std::exception& e) {
    // One line: libtorch's errors carry their C++ stack trace after the first.
    const std::string message = e.what();
    std::fprintf(stderr, "%s: error: %s\n", tool, message.substr(0, message.find('\n')).c_str());
  }
  return 1;
}

StrokeLibrary open_library(Args& args) {
  return StrokeLibrary::open(args.value_or("data", default_stroke_pack().string()));
}

}  // namespace ink::cli
