// Writes a file line by line in large chunks, so a long run's output (trace, FTMS log) costs neither memory nor many system calls.

import { closeSync, openSync, writeSync } from 'fs';

export class BufferedLineWriter {
  private readonly descriptor: number;
  private buffer = '';

  /** Opens (truncates) `path`; throws an Error naming the command-line `option` and the path when it cannot be written. */
  constructor(path: string, option: string) {
    try {
      this.descriptor = openSync(path, 'w');
    } catch (error) {
      throw new Error(option + ' ' + path + ': cannot write: ' + (error as Error).message);
    }
  }

  /** Add `text` and a newline. */
  line(text: string): void {
    this.buffer += text + '\n';
    if (this.buffer.length > 65536) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.descriptor);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.descriptor, this.buffer);
    this.buffer = '';
  }
}
