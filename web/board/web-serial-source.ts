// The web console's board over Web Serial: the port the user picks, opened for Espruino's console, with the console protocol on it.

import type { BoardSource } from './board-source';
import { connectConsoleBoard } from './connect-console-board';
import type { SourceTimers } from './source-timers';
import { ESPRUINO_BAUD_RATE, openWebSerialLink } from './web-serial-link';
import type { SerialLike } from './web-serial-types';

/**
 * Ask the user for a serial port (call it from a click: the browser shows its port picker), open
 * it at Espruino's console speed and connect the console protocol. Sends only `status` and
 * `watch` (and reads the session figures) until the user gives a command.
 */
export function connectWebSerialSource(serial: SerialLike, timers: SourceTimers, replyTimeoutMs?: number): Promise<BoardSource> {
  return serial
    .requestPort()
    .then((port) => openWebSerialLink(port, ESPRUINO_BAUD_RATE))
    .then((link) => connectConsoleBoard(link, timers, replyTimeoutMs));
}
