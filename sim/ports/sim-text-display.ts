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
  /** Calls to `showLine` so far. */
  showLineCount = 0;

  constructor(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    for (let row = 0; row < rows; row++) this.lines.push(' '.repeat(columns));
  }

  show(lines: string[]): void {
    this.showCount++;
    for (let row = 0; row < this.rows; row++) this.lines[row] = this.fit(row < lines.length ? lines[row] : '');
  }

  showLine(row: number, text: string): void {
    this.showLineCount++;
    if (row >= 0 && row < this.rows) this.lines[row] = this.fit(text);
  }

  /** The screen as one string, rows joined by newlines, trailing spaces trimmed. */
  text(): string {
    return this.lines
      .map(function (line) {
        return line.replace(/\s+$/, '');
      })
      .join('\n');
  }

  private fit(text: string): string {
    return text.length > this.columns ? text.substring(0, this.columns) : text.padEnd(this.columns, ' ');
  }
}
