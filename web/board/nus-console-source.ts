// The web console's board over the Bluetooth console (Nordic UART Service): the console protocol, as over Web Serial, on a Bluetooth link.

import type { BoardSource } from './board-source';
import { connectConsoleBoard } from './connect-console-board';
import { requestNusLink } from './nus-link';
import type { SourceTimers } from './source-timers';
import type { BluetoothLike } from './web-bluetooth-types';

/**
 * Ask the user for the board (from a click), open its UART and connect the console protocol.
 * Sends only `status` and `watch` (and reads the session figures) until the user gives a command.
 */
export function connectNusSource(bluetooth: BluetoothLike, timers: SourceTimers, replyTimeoutMs?: number): Promise<BoardSource> {
  return requestNusLink(bluetooth).then((link) => connectConsoleBoard(link, timers, replyTimeoutMs));
}
