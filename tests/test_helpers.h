// Shared by the tests: the committed sample, temporary directories, running a tool.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"
#include "ink/raster/raster.h"

namespace ink::test {

std::filesystem::path source_dir();
std::filesystem::path sample_dir();
const StrokeLibrary& sample_library();  // loaded once

// A fresh directory under /tmp, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct ToolRun {
  int exit_code = -1;    // -1 if the tool died on a signal
  std::string err;       // everything it wrote to stderr
  std::string out;
};
// Runs a built tool (ink-data, ink-train, ink-write, ...) with `arguments` (shell-quoted).
ToolRun run_tool(const std::string& tool, const std::string& arguments);
ToolRun run_shell(const std::string& command_line);  // through /bin/sh
// Starts a built tool in the background, stdout discarded and stderr to `err_file` (discarded
// when empty), and returns its pid: the caller signals it and waits for it.
int start_tool(const std::string& tool, const std::vector<std::string>& arguments, const std::filesystem::path& err_file = {});
// Sends `signal` to a tool start_tool started and waits for it: its exit code, or -1 if the
// signal killed it.
int stop_tool(int pid, int signal);
inline ToolRun run_ink_data(const std::string& arguments) { return run_tool("ink-data", arguments); }
std::string shell_quote(const std::string& text);

// Builds a dataset of `chars` from the committed sample into `dir`.
void build_sample_dataset(const std::filesystem::path& dir, const std::vector<char32_t>& chars, int size);

// Every value of every coverage alike (the same strokes written twice).
bool same_coverages(const std::vector<Coverage>& a, const std::vector<Coverage>& b);

std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

}  // namespace ink::test
