// What the host console needs of the treadmill it drives, whatever carries the line protocol: the simulator in-process or a board's serial port.

import type { ConsoleEvent, ConsoleReply, ConsoleRequest } from '../console/console-lines';
import type { SessionFigures } from './session-summary';

// The protocol's messages live in sim/console (browser-safe, shared with the web console's board links).
export type { ConsoleEvent, ConsoleReply, ConsoleRequest } from '../console/console-lines';

/** What only the simulator has: its time, its safety key and its walker. */
export interface SimulatorControls {
  /** Move simulated time on, ms. */
  advance(ms: number): void;
  setKey(inserted: boolean): void;
  setWalker(on: boolean): void;
}

/**
 * One interface for both transports, so the console (sim/cli/console-session.ts) is the same on a
 * board and on the simulator. Listeners are called in the order the lines came.
 */
export interface ConsoleTransport {
  /** What the console is attached to, for its first line. */
  readonly description: string;
  /** The simulator's own controls, or null on a board. */
  readonly simulator: SimulatorControls | null;
  /** Send one request; the promise gives its reply, or fails with a message saying why none came. */
  send(request: ConsoleRequest): Promise<ConsoleReply>;
  onEvent(listener: (event: ConsoleEvent) => void): void;
  /** The treadmill's log lines (not protocol lines), as text. */
  onLog(listener: (text: string) => void): void;
  /** The transport's clock, ms: simulated time on the simulator, time since the port opened on a board. */
  nowMs(): number;
  /** The firmware's figures of the current or latest session, or null when they cannot be had. */
  sessionFigures(): Promise<SessionFigures | null>;
  /** Let time run with the wall clock (the live view); otherwise the simulator moves only when told. */
  runInRealTime(): void;
  close(): Promise<void>;
}
