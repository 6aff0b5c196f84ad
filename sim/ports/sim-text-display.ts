// Simulated character display: keeps the lines last shown.

import type { TextDisplay } from '../../hal/text-display';

/** A display that keeps exactly what a real one would show: `rows` lines cut or padded to `columns`. */
export class SimTextDisplay implements TextDisplay {
  readonly columns: number;
  readonly rows: number;
  /** What the screen shows now, `rows` strings of exactly `columns` characters. */
  readonly lines: string[] = [];
  /** Calls to `show` so far. */
  showCount = 0;

  constructor(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    for (let row = 0; row < rows; row++) this.lines.push(' '.repeat(columns));
  }

  show(lines: string[]): void {
    this.showCount++;
    for (let row = 0; row < this.rows; row++) {
      const text = row < lines.length ? lines[row] : '';
      this.lines[row] = text.length > this.columns ? text.substring(0, this.columns) : text.padEnd(this.columns, ' ');
    }
  }

  /** The screen as one string, rows joined by newlines, trailing spaces trimmed. */
  text(): string {
    return this.lines
      .map(function (line) {
        return line.replace(/\s+$/, '');
      })
      .join('\n');
  }
}
