// Draws the app icon at any size with signed distance fields, so every size is drawn
// crisp rather than scaled: a rounded square in a teal-to-navy gradient carrying a white
// pulse trace that ends in an echo — a ping, read by a doctor.

/** Signed distance from (px, py) to a rounded box centred at (cx, cy) with half size h, radius r. */
function roundedBox(px, py, cx, cy, h, r) {
  const qx = Math.abs(px - cx) - h + r;
  const qy = Math.abs(py - cy) - h + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from (px, py) to the segment a–b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The pulse trace, in the body's unit square. */
const TRACE = [
  [0.12, 0.56],
  [0.33, 0.56],
  [0.42, 0.28],
  [0.52, 0.78],
  [0.6, 0.47],
  [0.64, 0.56],
];
const ECHO = { x: 0.83, y: 0.56, dot: 0.055, ring: 0.115 };

const TOP = [0x1f, 0xa8, 0x95]; // teal
const BOTTOM = [0x0b, 0x2a, 0x4d]; // navy

/** Coverage of a shape from its signed distance in pixels (one pixel of anti-aliasing). */
const cover = (distancePx) => Math.max(0, Math.min(1, 0.5 - distancePx));

/** Composites colour `c` with coverage `a` over the premultiplied pixel `p`. */
function over(p, c, a) {
  p[0] = c[0] * a + p[0] * (1 - a);
  p[1] = c[1] * a + p[1] * (1 - a);
  p[2] = c[2] * a + p[2] * (1 - a);
  p[3] = a + p[3] * (1 - a);
}

/** The icon as straight-alpha RGBA, `size`×`size`. */
export function drawIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  // Large sizes keep macOS's icon grid margin; small ones use the pixels for the drawing.
  const margin = size >= 128 ? 0.098 : 0.03;
  const half = 0.5 - margin;
  const body = 2 * half;
  const radius = 0.2237 * body;
  const stroke = Math.max(0.034 * body, 0.75 / size); // half width, at least 1.5 px wide
  const showRing = size >= 48;
  const pixel = [0, 0, 0, 0];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      pixel.fill(0);
      const box = cover(roundedBox(u, v, 0.5, 0.5, half, radius) * size);
      if (box > 0) {
        const t = Math.max(0, Math.min(1, (u + v - 2 * margin) / (2 * body)));
        over(pixel, TOP.map((top, i) => top + (BOTTOM[i] - top) * t), box);
        // Positions inside the body, in its unit square.
        const bu = (u - margin) / body;
        const bv = (v - margin) / body;
        let trace = Infinity;
        for (let i = 1; i < TRACE.length; i += 1) {
          const [ax, ay] = TRACE[i - 1];
          const [bx, by] = TRACE[i];
          trace = Math.min(trace, segment(bu, bv, ax, ay, bx, by));
        }
        const white = [255, 255, 255];
        over(pixel, white, box * cover((trace * body - stroke) * size));
        const fromEcho = Math.hypot(bu - ECHO.x, bv - ECHO.y);
        over(pixel, white, box * cover((fromEcho - ECHO.dot) * body * size));
        if (showRing) over(pixel, white, 0.55 * box * cover((Math.abs(fromEcho - ECHO.ring) * body - stroke * 0.6) * size));
      }
      const at = (y * size + x) * 4;
      const alpha = pixel[3];
      // Un-premultiply for PNG/ICO's straight alpha.
      rgba[at] = alpha > 0 ? Math.round(pixel[0] / alpha) : 0;
      rgba[at + 1] = alpha > 0 ? Math.round(pixel[1] / alpha) : 0;
      rgba[at + 2] = alpha > 0 ? Math.round(pixel[2] / alpha) : 0;
      rgba[at + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}
