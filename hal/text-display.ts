// A small character display on the console.

/**
 * A character display of a fixed size.
 *
 * Contract: `show` replaces the whole screen; lines longer than `columns` are cut and missing
 * lines are blank. Called at most a few times per second, never per tick.
 */
export interface TextDisplay {
  readonly columns: number;
  readonly rows: number;
  show(lines: string[]): void;
}
