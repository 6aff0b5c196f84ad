// A small character display on the console.

/**
 * A character display of a fixed size (a 16x2 or 20x4 LCD, or text lines on a small OLED).
 *
 * Contract: `show` replaces the whole screen; `showLine`, where the display has it, replaces one
 * row and leaves the others as they are. A line longer than `columns` is cut, a shorter one is
 * padded with spaces, and rows missing from `show` are blank. The firmware's display host calls
 * them at most a few times per second, never from the control tick, and only for what changed:
 * each write goes over a slow bus (I2C) and blocks the interpreter while it does.
 */
export interface TextDisplay {
  readonly columns: number;
  readonly rows: number;
  show(lines: string[]): void;
  /** Replace row `row` (0-based, below `rows`) with `text`. Optional: without it the host redraws with `show`. */
  showLine?(row: number, text: string): void;
}
