// What every tool's main needs: options parsed with errors that name the option, one-line
// error reporting with a non-zero exit, and the stroke library from --data or the default.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"

namespace ink::cli {

class Args {
 public:
  Args(int argc, char** argv, int first);
  std::optional<std::string> value(const std::string& name);  // --name VALUE
  bool flag(const std::string& name);  // --name, no value
  std::string value_or(const std::string& name, const std::string& fallback);
  int int_value(const std::string& name, int fallback, int min, int max);
  // The next unused argument; call after taking the options. Throws if missing.
  std::string positional(const std::string& what);
  void finish() const;  // throws on anything not consumed ("unknown option --x")

 private:
  std::vector<std::string> items_;
  std::vector<bool> used_;
};

// "a,b,,c" as {"a", "b", "c"}: an option's comma-separated names, empty ones dropped.
std::vector<std::string> split_list(const std::string& list);

// --help or -h anywhere: prints `usage` on stdout and returns true; the tool then exits 0.
// Checked first: before the data, the model or the OpenMP restart, and whatever else is wrong.
bool asked_for_help(int argc, char** argv, const std::string& usage);

// Runs `body`, turning any exception into "TOOL: error: MESSAGE" on stderr and exit code 1.
int run_tool(const char* tool, const std::function<int()>& body);

// --data PATH (a .inkpack or a directory of JSON files); default strokes/hanzi.inkpack.
StrokeLibrary open_library(Args& args);

}  // namespace ink::cli
