// OpenGL 3.3 core functions without a loader: Mesa's and the vendor libGL export them, and
// GL_GLEXT_PROTOTYPES declares them (docs/design.md, Build facts).
#pragma once
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
