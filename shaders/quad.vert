#version 330 core
// One rectangle, no vertex buffer: its corners come from gl_VertexID (a 4-vertex triangle
// strip). v_uv runs from (0,0) at the top-left corner to (1,1) at the bottom-right.
uniform vec4 u_rect;  // left, top, right, bottom in clip space
out vec2 v_uv;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  v_uv = corner;
  gl_Position = vec4(mix(u_rect.x, u_rect.z, corner.x), mix(u_rect.y, u_rect.w, corner.y), 0.0, 1.0);
}
