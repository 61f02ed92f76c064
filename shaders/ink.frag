#version 330 core
// Ink for one character cell (docs/design.md, Animation). The glyph texture holds each pixel's
// final coverage (r) and the moment the brush reaches it (g, seconds since the character
// began; < 0 on bare paper). Ink is revealed where that moment has passed, darker while fresh,
// with the brush tip over the current stroke. BrushTimeline::darkness_at does the same on the
// CPU for GIF export, so the two match. Output alpha is the darkness, blended over the paper.
in vec2 v_uv;
out vec4 color;

uniform sampler2D u_glyph;
uniform float u_time;         // seconds since this character began
uniform float u_wet_seconds;  // how long fresh ink stays darker
uniform float u_size;         // the glyph texture's size in pixels
uniform vec3 u_ink;
uniform vec3 u_tip;           // brush tip x, y and radius in glyph pixels; radius 0: no tip
uniform float u_preview;      // > 0: a denoising preview, coverage at this opacity, no timing

void main() {
  vec2 glyph = texture(u_glyph, v_uv).rg;
  float darkness;
  if (u_preview > 0.0) {
    darkness = glyph.r * u_preview;
  } else {
    float age = u_time - glyph.g;
    float reveal = glyph.g < 0.0 ? 0.0 : smoothstep(-0.015, 0.015, age);
    float wet = exp(-max(age, 0.0) / u_wet_seconds);
    darkness = glyph.r * reveal * (0.9 + 0.1 * wet);
  }
  if (u_tip.z > 0.0) {
    float d = distance(v_uv * u_size, u_tip.xy);
    darkness = max(darkness, 1.0 - smoothstep(u_tip.z - 1.0, u_tip.z + 1.0, d));
  }
  color = vec4(u_ink, darkness);
}
