// Test helpers: sample data, temporary directories, tool runs.
#include "test_helpers.h"

#include "ink/dataset/dataset.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ink::test {

std::filesystem::path source_dir() { return INK_SOURCE_DIR; }
std::filesystem::path sample_dir() { return source_dir() / "strokes" / "sample"; }

const StrokeLibrary& sample_library() {
  static const StrokeLibrary library = StrokeLibrary::from_json_dir(sample_dir(), "sample");
  return library;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("ink-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

bool same_coverages(const std::vector<Coverage>& a, const std::vector<Coverage>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].values != b[i].values) return false;
  return true;
}

void build_sample_dataset(const std::filesystem::path& dir, const std::vector<char32_t>& chars, int size) {
  DatasetOptions options;
  options.out_dir = dir;
  options.size = size;
  options.chars = chars;
  build_dataset(sample_library(), options);
}

int start_tool(const std::string& tool, const std::vector<std::string>& arguments, const std::filesystem::path& err_file) {
  const std::string path = (std::filesystem::path(INK_TOOLS_DIR) / tool).string();
  std::vector<char*> argv{const_cast<char*>(path.c_str())};
  for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen(err_file.empty() ? "/dev/null" : err_file.c_str(), "w", stderr)) _exit(126);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  return child;
}

int stop_tool(int pid, int signal) {
  kill(pid, signal);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ToolRun run_tool(const std::string& tool, const std::string& arguments) {
  return run_shell(shell_quote((std::filesystem::path(INK_TOOLS_DIR) / tool).string()) + " " + arguments);
}

ToolRun run_shell(const std::string& command_line) {
  TempDir capture;
  const std::string command = command_line + " >" + shell_quote((capture / "out").string()) + " 2>" + shell_quote((capture / "err").string());
  const int status = std::system(command.c_str());
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_text(capture / "out");
  run.err = read_text(capture / "err");
  return run;
}

}  // namespace ink::test
