#version 330 core
// The paper under the ink: a warm base colour with soft mottling, fine grain and a few long
// fibres, all procedural and measured in canvas pixels (the same grain at any window size).
// Or a background image (a painting) covering the canvas.
in vec2 v_uv;
out vec4 color;

uniform vec3 u_paper;       // base colour, 0..1
uniform vec2 u_pixels;      // canvas size in pixels
uniform int u_use_image;
uniform sampler2D u_image;
uniform vec4 u_image_rect;  // the image's placement in canvas uv: offset xy, size zw

float hash(vec2 p) {
  p = fract(p * vec2(123.34, 456.21));
  p += dot(p, p + 45.32);
  return fract(p.x * p.y);
}

float value_noise(vec2 p) {
  vec2 i = floor(p), f = fract(p);
  vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}

float fbm(vec2 p) {
  float sum = 0.0, amplitude = 0.5;
  for (int octave = 0; octave < 4; ++octave) {
    sum += amplitude * value_noise(p);
    p *= 2.03;
    amplitude *= 0.5;
  }
  return sum;
}

void main() {
  if (u_use_image == 1) {
    vec2 uv = (v_uv - u_image_rect.xy) / u_image_rect.zw;
    color = vec4(texture(u_image, uv).rgb, 1.0);
    return;
  }
  vec2 p = v_uv * u_pixels;
  float mottle = fbm(p / 120.0) - 0.5;
  float grain = value_noise(p * 0.8) - 0.5;
  // Fibres: noise stretched along two slanted directions, kept only at its peaks.
  float fibre_a = smoothstep(0.78, 0.9, value_noise(vec2(p.x * 0.012 + p.y * 0.004, p.y * 0.35 - p.x * 0.1)));
  float fibre_b = smoothstep(0.8, 0.92, value_noise(vec2(p.y * 0.01 - p.x * 0.003, p.x * 0.3 + p.y * 0.12) + 17.0));
  vec3 c = u_paper * (1.0 + 0.035 * mottle + 0.015 * grain) - 0.01 * (fibre_a + fibre_b);
  color = vec4(c, 1.0);
}
