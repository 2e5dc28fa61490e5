/**
 * Where the focus goes in the grid for a key, as the WAI-ARIA grid pattern has it: arrows move
 * one cell, Home/End to the ends of the row (with Ctrl: of the grid), PageUp/PageDown a screen
 * of rows. Row 0 is the header row, data rows are 1..rows; positions never leave the grid.
 */
export type CellPosition = { row: number; col: number };
export type GridBounds = { rows: number; cols: number; pageRows: number };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The new position, or null when the key is not a navigation key (the cell keeps it). */
export function moveFocus(position: CellPosition, key: string, ctrl: boolean, bounds: GridBounds): CellPosition | null {
  const lastRow = bounds.rows;
  const lastCol = Math.max(0, bounds.cols - 1);
  const at = (row: number, col: number): CellPosition => ({ row: clamp(row, 0, lastRow), col: clamp(col, 0, lastCol) });
  switch (key) {
    case "ArrowUp":
      return at(position.row - 1, position.col);
    case "ArrowDown":
      return at(position.row + 1, position.col);
    case "ArrowLeft":
      return at(position.row, position.col - 1);
    case "ArrowRight":
      return at(position.row, position.col + 1);
    case "Home":
      return ctrl ? at(lastRow > 0 ? 1 : 0, 0) : at(position.row, 0);
    case "End":
      return ctrl ? at(lastRow, lastCol) : at(position.row, lastCol);
    case "PageUp":
      return at(Math.max(position.row === 0 ? 0 : 1, position.row - bounds.pageRows), position.col);
    case "PageDown":
      return at(position.row + bounds.pageRows, position.col);
    default:
      return null;
  }
}
