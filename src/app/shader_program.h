// A GLSL program built from files in shaders/ at run time, so a shader can be edited without a
// rebuild. A file that is missing or fails to compile or link throws InkError naming the file
// and quoting the driver's log.
#pragma once
#include <filesystem>
#include <string>

#include "gl.h"

namespace ink::app {

class ShaderProgram {
 public:
  ShaderProgram(const std::filesystem::path& vertex_file, const std::filesystem::path& fragment_file);
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  void use() const { glUseProgram(program_); }
  GLint uniform(const char* name) const { return glGetUniformLocation(program_, name); }

 private:
  GLuint program_ = 0;
};

// The directory the viewer reads its shaders from: $HZ_SHADER_DIR, else <project>/shaders.
std::filesystem::path shader_dir();

}  // namespace ink::app
