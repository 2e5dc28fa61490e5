import { expect, test } from "vitest";
import { borderPoint, EDGE_OFFSET, edgeLine } from "./edge-geometry.ts";

const box = { x: 0, y: 0, width: 100, height: 50 };

test.each([
  { name: "right", towards: { x: 500, y: 25 }, point: { x: 100, y: 25 } },
  { name: "below", towards: { x: 50, y: 500 }, point: { x: 50, y: 50 } },
  { name: "left", towards: { x: -500, y: 25 }, point: { x: 0, y: 25 } },
  { name: "the centre itself", towards: { x: 50, y: 25 }, point: { x: 50, y: 25 } },
])("border point towards the $name", ({ towards, point }) => {
  expect(borderPoint(box, towards)).toEqual(point);
});

test("an arrow down a column runs between the boxes, shifted sideways", () => {
  const line = edgeLine(box, { ...box, y: 150 });
  expect(line.source).toEqual({ x: 50 - EDGE_OFFSET, y: 50 });
  expect(line.target).toEqual({ x: 50 - EDGE_OFFSET, y: 150 });
  expect(line.label).toEqual({ x: 50 - EDGE_OFFSET, y: 100 });
});

test("the way back runs on the other side", () => {
  const there = edgeLine(box, { ...box, y: 150 });
  const back = edgeLine({ ...box, y: 150 }, box);
  expect(back.source.x).toBe(50 + EDGE_OFFSET);
  expect(there.source.x).not.toBe(back.source.x);
});

test("a transition to the same state loops over it", () => {
  const loop = edgeLine(box, box);
  expect(loop.path.startsWith("M 32,0 C")).toBe(true);
  expect(loop.label.y).toBeLessThan(0);
});
