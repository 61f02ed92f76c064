// The SDL2 window with an OpenGL 3.3 core context and Dear ImGui on it (the SDL2 and OpenGL3
// backends from Debian's libimgui.a). Owns the frame: events in, ImGui frame, render, swap.
#pragma once
#include <functional>
#include <string>

#include "ink/render/image.h"

struct SDL_Window;
union SDL_Event;

namespace ink::app {

class Window {
 public:
  // Throws InkError "no display: ..." when SDL cannot open a window (no X server, no GL 3.3).
  Window(const std::string& title, int width, int height, bool vsync);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Hands pending events to ImGui; false once the user closed the window.
  bool poll_events();
  void begin_frame();
  Image read_frame() const;    // the frame just drawn (before the swap): call between render and swap
  // ImGui draw data onto the default framebuffer, over what `under` draws first (given the
  // framebuffer's height: GL's rows start at the bottom).
  void render_ui(const std::function<void(int height)>& under = {});
  void present();              // swap
  void size(int& width, int& height) const;
  SDL_Window* sdl() const { return window_; }

 private:
  SDL_Window* window_ = nullptr;
  void* context_ = nullptr;
};

}  // namespace ink::app
