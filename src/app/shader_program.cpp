// Compiling and linking the viewer's shaders, with errors a user can act on: which file, which
// stage, and the GLSL log (it names the line).
#include "shader_program.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ink/base/error.h"
#include "ink/base/paths.h"

namespace ink::app {
namespace {

std::string read_source(const std::filesystem::path& file) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) throw InkError("cannot read shader '" + file.string() + "': " + std::strerror(errno));
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  std::fclose(f);
  return text;
}

// The driver's log on one line: newlines become " | ", trailing blanks dropped.
std::string one_line(std::string log) {
  while (!log.empty() && (log.back() == '\n' || log.back() == ' ' || log.back() == '\0')) log.pop_back();
  std::string out;
  for (char c : log) out += c == '\n' ? std::string(" | ") : std::string(1, c);
  return out;
}

// The driver's log for a shader or a program, on one line. `get` is glGetShaderiv or
// glGetProgramiv, `read` the matching info-log reader.
template <typename Get, typename Read>
std::string info_log(GLuint object, Get get, Read read) {
  GLint length = 0;
  get(object, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
  read(object, length, nullptr, log.data());
  return one_line(log.data());
}

GLuint compile(GLenum stage, const std::filesystem::path& file) {
  const std::string source = read_source(file);
  const GLuint shader = glCreateShader(stage);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = info_log(shader, glGetShaderiv, glGetShaderInfoLog);
    glDeleteShader(shader);
    throw InkError("shader '" + file.string() + "' failed to compile: " + log);
  }
  return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(const std::filesystem::path& vertex_file, const std::filesystem::path& fragment_file) {
  const GLuint vertex = compile(GL_VERTEX_SHADER, vertex_file);
  GLuint fragment = 0;
  try {
    fragment = compile(GL_FRAGMENT_SHADER, fragment_file);
  } catch (...) {
    glDeleteShader(vertex);
    throw;
  }
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = info_log(program_, glGetProgramiv, glGetProgramInfoLog);
    glDeleteProgram(program_);
    throw InkError("shaders '" + vertex_file.string() + "' + '" + fragment_file.string() + "' failed to link: " + log);
  }
}

ShaderProgram::~ShaderProgram() {
  if (program_) glDeleteProgram(program_);
}

std::filesystem::path shader_dir() {
  if (const char* dir = std::getenv("HZ_SHADER_DIR"); dir && *dir) return dir;
  return project_root() / "shaders";
}

}  // namespace ink::app
