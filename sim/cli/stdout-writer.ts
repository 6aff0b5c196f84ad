// Writes to stdout, and stops quietly when the reader has gone (a closed pipe: `npm run sim -- f --log | head`).

let readerGone = false;
let watching = false;

/**
 * Treat EPIPE on stdout as the reader having gone: later writes are dropped, the program runs on to
 * its verdict and exit status, and no stack trace is printed. Any other stdout error is still thrown.
 * Call once at start-up (later calls do nothing).
 */
export function watchStdoutReader(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
}

/** Write `text` to stdout unless its reader has gone. */
export function writeStdout(text: string): void {
  if (readerGone) return;
  try {
    process.stdout.write(text);
  } catch (error) {
    // A synchronous write may throw EPIPE itself rather than emit it.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    readerGone = true;
  }
}

/** Whether stdout's reader has gone (for tests and for callers that can stop early). */
export function stdoutReaderGone(): boolean {
  return readerGone;
}
