// A panel fixed at the top of a terminal, redrawn in place, above a scrolling region where the command line runs.

/**
 * The console's live view on a terminal: the top `rows` lines are the panel; the rest scrolls
 * (the terminal's scroll region), so answers and the typed line never overwrite the view.
 */
export class TerminalPanel {
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly rows: number,
  ) {}

  open(): void {
    this.out.write('\u001b[2J' + this.region() + '\u001b[' + this.height() + ';1H');
    this.out.on('resize', this.onResize);
  }

  /** Draw `lines` into the panel, cut to the width; the cursor goes back where the command line had it. */
  draw(lines: string[]): void {
    const width = this.out.columns || 80;
    let text = '\u001b7';
    for (let row = 0; row < this.rows; row++) text += '\u001b[' + (row + 1) + ';1H' + (lines[row] || '').substring(0, width - 1) + '\u001b[K';
    this.out.write(text + '\u001b8');
  }

  close(): void {
    this.out.removeListener('resize', this.onResize);
    this.out.write('\u001b[r\u001b[' + this.height() + ';1H\n');
  }

  private readonly onResize = () => this.out.write(this.region());

  private height(): number {
    return this.out.rows || 24;
  }

  private region(): string {
    return '\u001b[' + (this.rows + 1) + ';' + this.height() + 'r';
  }
}
