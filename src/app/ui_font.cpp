// Building the ImGui font atlas with FreeType (Debian's libimgui.a has imgui_freetype compiled
// in but not enabled: the builder is set by hand, docs/design.md, Build facts).
#include "ui_font.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_freetype.h>

#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/raster/font.h"

namespace ink::app {

UiFont::UiFont(float pixels) : file_(FontFace::open_family("LXGW WenKai").file().string()), pixels_(pixels) { build(); }

void UiFont::build() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  ImFontGlyphRangesBuilder ranges;
  ranges.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  ranges.AddText("·—…“”「」《》、。，");
  for (char32_t c : extra_)
    if (c <= 0xFFFF) ranges.AddChar(static_cast<ImWchar>(c));  // ImGui 1.86 is built with 16-bit ImWchar
  static ImVector<ImWchar> built;  // must outlive the atlas build
  built.clear();
  ranges.BuildRanges(&built);
  if (!io.Fonts->AddFontFromFileTTF(file_.c_str(), pixels_, nullptr, built.Data)) throw InkError("cannot load the UI font '" + file_ + "'");
  io.Fonts->Build();
  if (uploaded_) {  // the first upload happens in the backend's first NewFrame
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  uploaded_ = true;
}

void UiFont::cover(const std::string& utf8) {
  std::u32string chars;
  try {
    chars = decode_utf8(utf8, "text");
  } catch (const std::exception&) {
    return;  // half-typed input; the next frame has the whole character
  }
  const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  bool added = false;
  for (char32_t c : chars)
    if (c > 0x7F && c <= 0xFFFF && !extra_.count(c) && (!font || !font->FindGlyphNoFallback(static_cast<ImWchar>(c)))) {
      extra_.insert(c);
      added = true;
    }
  if (added) build();
}

}  // namespace ink::app
