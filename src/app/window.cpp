// SDL2 + OpenGL 3.3 core + ImGui set-up and the per-frame calls around the viewer's drawing.
#include "window.h"

#include <SDL.h>

#include <algorithm>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include "gl.h"
#include "ink/base/error.h"

namespace ink::app {
namespace {

// Light panels in the paper's warm tones, ink-dark text, a cinnabar accent (a seal's red).
void use_paper_style() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  ImVec4* c = style.Colors;
  const ImVec4 paper(0.93f, 0.90f, 0.84f, 1), paper_dark(0.86f, 0.82f, 0.74f, 1), ink(0.12f, 0.10f, 0.09f, 1);
  const ImVec4 cinnabar(0.70f, 0.20f, 0.13f, 1), cinnabar_light(0.82f, 0.38f, 0.28f, 1);
  c[ImGuiCol_Text] = ink;
  c[ImGuiCol_WindowBg] = paper;
  c[ImGuiCol_ChildBg] = ImVec4(0.96f, 0.94f, 0.89f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.98f, 0.96f, 0.92f, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(1.0f, 0.93f, 0.86f, 1);
  c[ImGuiCol_Header] = paper_dark;
  c[ImGuiCol_HeaderHovered] = ImVec4(0.90f, 0.78f, 0.70f, 1);
  c[ImGuiCol_Button] = paper_dark;
  c[ImGuiCol_ButtonHovered] = cinnabar_light;
  c[ImGuiCol_ButtonActive] = cinnabar;
  c[ImGuiCol_CheckMark] = cinnabar;
  c[ImGuiCol_SliderGrab] = cinnabar_light;
  c[ImGuiCol_SliderGrabActive] = cinnabar;
  c[ImGuiCol_PlotHistogram] = cinnabar_light;
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = paper_dark;
}

}  // namespace

Window::Window(const std::string& title, int width, int height, bool vsync) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) throw InkError(std::string("no display: ") + SDL_GetError());
  // Without X11 or Wayland, SDL falls back to drivers with no screen a person can see
  // (offscreen, KMS/DRM from a console). Refuse them unless asked for by name.
  const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
  const char* requested = SDL_getenv("SDL_VIDEODRIVER");
  if (driver != "x11" && driver != "wayland" && !(requested && *requested)) {
    SDL_Quit();
    throw InkError("no display: DISPLAY / WAYLAND_DISPLAY are not set (SDL offered only '" + driver +
                   "'); run it on a desktop, under xvfb-run, or use ink-write for files");
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  window_ = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                             SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window_) {
    const std::string why = SDL_GetError();
    SDL_Quit();
    throw InkError("no display: cannot open a window (" + why + ")");
  }
  context_ = SDL_GL_CreateContext(window_);
  if (!context_) {
    const std::string why = SDL_GetError();
    SDL_DestroyWindow(window_);
    SDL_Quit();
    throw InkError("no OpenGL 3.3 core context: " + why);
  }
  SDL_GL_MakeCurrent(window_, context_);
  SDL_GL_SetSwapInterval(vsync ? 1 : 0);
  SDL_StartTextInput();  // text and IME composition arrive as SDL_TEXTINPUT / SDL_TEXTEDITING

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, nothing to remember
  use_paper_style();
  ImGui_ImplSDL2_InitForOpenGL(window_, context_);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(context_);
  SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool Window::poll_events() {
  SDL_Event event;
  bool open = true;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) open = false;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(window_))
      open = false;
  }
  return open;
}

void Window::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void Window::render_ui(const std::function<void(int height)>& under) {
  ImGui::Render();
  int width, height;
  size(width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  glClearColor(0.93f, 0.91f, 0.87f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (under) under(height);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { SDL_GL_SwapWindow(window_); }

void Window::size(int& width, int& height) const { SDL_GL_GetDrawableSize(window_, &width, &height); }

Image Window::read_frame() const {
  int width, height;
  size(width, height);
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  Image image(width, height, Rgb{});
  const size_t row = static_cast<size_t>(width) * 3;
  for (int y = 0; y < height; ++y)  // GL's rows start at the bottom
    std::copy_n(rgb.data() + static_cast<size_t>(height - 1 - y) * row, row, image.pixels.data() + static_cast<size_t>(y) * row);
  return image;
}

}  // namespace ink::app
