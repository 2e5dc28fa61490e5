/**
 * Where a transition's arrow runs between two states drawn as boxes: from the border of one
 * box towards the other's centre, so arrows look right whatever the layout. Arrows are
 * shifted sideways a little, so a transition back (B → A) runs beside A → B, not over it.
 */

export type Box = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };
export type EdgeLine = { source: Point; target: Point; label: Point; path: string };

/** Sideways shift of every arrow, in canvas pixels. */
export const EDGE_OFFSET = 8;

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The point where the line from the box's centre towards `towards` leaves the box. */
export function borderPoint(box: Box, towards: Point): Point {
  const c = centre(box);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = 1 / Math.max(Math.abs(dx) / (box.width / 2), Math.abs(dy) / (box.height / 2));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The arrow between two boxes; a transition from a state to itself loops over its top. */
export function edgeLine(from: Box, to: Box): EdgeLine {
  if (from.x === to.x && from.y === to.y && from.width === to.width && from.height === to.height) {
    const c = centre(from);
    const top = from.y;
    const source = { x: c.x - 18, y: top };
    const target = { x: c.x + 18, y: top };
    return {
      source,
      target,
      label: { x: c.x, y: top - 46 },
      path: `M ${round(source.x)},${round(source.y)} C ${round(c.x - 50)},${round(top - 70)} ${round(c.x + 50)},${round(top - 70)} ${round(target.x)},${round(target.y)}`,
    };
  }
  const a = centre(from);
  const b = centre(to);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const normal = { x: (-(b.y - a.y) / length) * EDGE_OFFSET, y: ((b.x - a.x) / length) * EDGE_OFFSET };
  const source = borderPoint({ ...from, x: from.x + normal.x, y: from.y + normal.y }, { x: b.x + normal.x, y: b.y + normal.y });
  const target = borderPoint({ ...to, x: to.x + normal.x, y: to.y + normal.y }, { x: a.x + normal.x, y: a.y + normal.y });
  return {
    source,
    target,
    label: { x: (source.x + target.x) / 2, y: (source.y + target.y) / 2 },
    path: `M ${round(source.x)},${round(source.y)} L ${round(target.x)},${round(target.y)}`,
  };
}
