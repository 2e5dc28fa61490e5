import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

/**
 * Arrow keys move a picked-up card from column to column (left and right; up and down do the
 * same, for people who think of the columns as a list), instead of dnd-kit's default of a
 * few pixels per key press. The card is placed just inside the next column's top-left corner.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const forward = event.code === "ArrowRight" || event.code === "ArrowDown";
  const backward = event.code === "ArrowLeft" || event.code === "ArrowUp";
  if (!forward && !backward) return undefined;
  event.preventDefault();
  const current = context.collisionRect;
  if (!current) return undefined;
  const columns = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  const here = current.left + current.width / 2;
  const target = forward
    ? columns.find((rect) => rect.left > here)
    : [...columns].reverse().find((rect) => rect.left + rect.width < here);
  if (!target) return undefined;
  return { x: target.left + 8, y: target.top + 48 };
};
