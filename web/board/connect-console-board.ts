// A console-protocol board source on an open text link, started: connected once the board answered, or closed again with why.

import { ConsoleBoardSource } from './console-board-source';
import type { SourceTimers } from './source-timers';
import type { TextLink } from './text-link';

/**
 * Make the source on `link` and read the board (status, then its stream: read-only). A board
 * that does not answer the protocol is disconnected again, and the promise fails saying why.
 */
export function connectConsoleBoard(link: TextLink, timers: SourceTimers, replyTimeoutMs?: number): Promise<ConsoleBoardSource> {
  const source = new ConsoleBoardSource({ link: link, timers: timers, replyTimeoutMs: replyTimeoutMs });
  return source.start().then(
    () => source,
    (error: Error) =>
      source.disconnect().then(() => {
        throw error;
      }),
  );
}
