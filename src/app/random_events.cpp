// --random-events N: a robustness run. Random pointer clicks, drags, wheel turns, keys and
// typed text go through SDL's event queue into ImGui (the real UI path); every few events a
// random action as a user would take it: new text (sometimes with characters that have no
// stroke data), redo, export to a good or an unwritable path, cancel, continue, mode, scrub,
// a bad background image. Ends by waiting for the background work; prints what it did.
#include <SDL.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

#include "frame_loop.h"
#include "viewer.h"
#include "window.h"

namespace ink::app {
namespace {

long resident_kb() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb;
}

void push_pointer(SDL_Window* window, std::mt19937_64& rng, int width, int height) {
  const int x = static_cast<int>(rng() % width), y = static_cast<int>(rng() % height);
  SDL_WarpMouseInWindow(window, x, y);
  SDL_Event e{};
  const Uint32 id = SDL_GetWindowID(window);
  switch (rng() % 4) {
    case 0:
    case 1:  // a click
      e.type = SDL_MOUSEBUTTONDOWN;
      e.button = {SDL_MOUSEBUTTONDOWN, 0, id, 0, SDL_BUTTON_LEFT, SDL_PRESSED, 1, 0, x, y};
      SDL_PushEvent(&e);
      e.type = SDL_MOUSEBUTTONUP;
      e.button.type = SDL_MOUSEBUTTONUP;
      e.button.state = SDL_RELEASED;
      SDL_PushEvent(&e);
      break;
    case 2:  // a press held into the next frames: a drag on whatever is under it
      e.type = SDL_MOUSEBUTTONDOWN;
      e.button = {SDL_MOUSEBUTTONDOWN, 0, id, 0, SDL_BUTTON_LEFT, SDL_PRESSED, 1, 0, x, y};
      SDL_PushEvent(&e);
      break;
    default:
      e.type = SDL_MOUSEWHEEL;
      e.wheel.type = SDL_MOUSEWHEEL;
      e.wheel.windowID = id;
      e.wheel.y = static_cast<int>(rng() % 5) - 2;
      SDL_PushEvent(&e);
  }
}

void push_typing(SDL_Window* window, std::mt19937_64& rng) {
  static const char* texts[] = {"永", "春", "满", "干", "坤", "国", "a", "7", " ", "𠀀", "ß"};
  static const SDL_Keycode keys[] = {SDLK_BACKSPACE, SDLK_RETURN, SDLK_LEFT, SDLK_RIGHT, SDLK_TAB, SDLK_SPACE, SDLK_DELETE};
  SDL_Event e{};
  if (rng() % 2) {
    e.type = SDL_TEXTINPUT;
    e.text.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(window);
    std::snprintf(e.text.text, sizeof e.text.text, "%s", texts[rng() % std::size(texts)]);
    SDL_PushEvent(&e);
  } else {
    const SDL_Keycode key = keys[rng() % std::size(keys)];
    e.type = SDL_KEYDOWN;
    e.key.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(window);
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&e);
    e.type = e.key.type = SDL_KEYUP;
    SDL_PushEvent(&e);
  }
}

// What a user might do through the panels, chosen at random.
void act(Viewer& viewer, std::mt19937_64& rng, const std::filesystem::path& out, int& exports) {
  static const char* texts[] = {"永", "春满", "干坤", "一二三", "永A", "国𠀀", "", "山水"};
  const int n = static_cast<int>(viewer.characters.size());
  switch (rng() % 10) {
    case 0: viewer.options.text = texts[rng() % std::size(texts)]; viewer.write(); break;
    case 1:
    case 2:
      if (n) viewer.redo(static_cast<int>(rng() % n), static_cast<int>(rng() % 12));
      break;
    case 3: {
      const std::string base = (rng() % 4 ? out : std::filesystem::path("/nonexistent/dir")) / ("e" + std::to_string(exports++));
      const int kind = static_cast<int>(rng() % 3);
      if (kind == 0) viewer.export_gif(base + ".gif");
      if (kind == 1) viewer.export_png(base + ".png");
      if (kind == 2) viewer.export_json(base + ".json");
      break;
    }
    case 4: viewer.job.cancel(); break;
    case 5: viewer.job.resume(); break;
    case 6:
      viewer.options.mode = viewer.options.mode == ConditioningMode::stroke ? ConditioningMode::whole : ConditioningMode::stroke;
      viewer.write();
      break;
    case 7: viewer.clock.seek(static_cast<double>(rng() % 20000) / 1000.0); break;
    case 8: viewer.exporter.cancel(); break;
    default: viewer.load_background(rng() % 2 ? "/nonexistent/painting.png" : ""); break;
  }
}

}  // namespace

int run_random_events(Frame& frame, const ViewerOptions& options) {
  Viewer& viewer = frame.viewer;
  std::mt19937_64 rng(options.events_seed);
  const std::filesystem::path out = std::filesystem::temp_directory_path() / ("hanzi-ink-events-" + std::to_string(getpid()));
  std::filesystem::create_directories(out);
  int width, height, exports = 0, frames = 0, actions = 0;
  SDL_GetWindowSize(frame.window.sdl(), &width, &height);
  const long rss_start = resident_kb();
  long rss_at_tenth = -1;
  for (int events = 0; events < options.random_events;) {
    const int burst = 1 + static_cast<int>(rng() % 3);
    for (int b = 0; b < burst && events < options.random_events; ++b, ++events) {
      const int kind = static_cast<int>(rng() % 20);
      if (kind < 11) push_pointer(frame.window.sdl(), rng, width, height);
      else if (kind < 18) push_typing(frame.window.sdl(), rng);
      else act(viewer, rng, out, exports), ++actions;
    }
    frame.run(1.0 / 60);
    ++frames;
    if (rss_at_tenth < 0 && events >= options.random_events / 10) rss_at_tenth = resident_kb();
  }
  viewer.exporter.wait();
  viewer.job.cancel();
  for (int i = 0; i < 30; ++i) frame.run(1.0 / 60), ++frames;
  int errors = 0;
  for (const Message& m : viewer.messages) errors += m.error;
  std::printf("hanzi-ink random events: %d events (%d direct actions) over %d frames; %d messages shown (%d errors) "
              "; resident %ld MB at start, %ld MB after a tenth, %ld MB at the end\n",
              options.random_events, actions, frames, static_cast<int>(viewer.messages.size()), errors, rss_start / 1024,
              rss_at_tenth / 1024, resident_kb() / 1024);
  std::filesystem::remove_all(out);
  return 0;
}

}  // namespace ink::app
