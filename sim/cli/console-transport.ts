// What the host console needs of the treadmill it drives, whatever carries the line protocol: the simulator in-process or a board's serial port.

import type { SessionFigures } from './session-summary';

/** A line-protocol request (firmware/console-protocol.ts); the transport adds the id. */
export interface ConsoleRequest {
  cmd: string;
  [field: string]: unknown;
}

/** A line-protocol reply: ok with a message or data, or an error naming the problem. */
export interface ConsoleReply {
  id?: number | string;
  ok: boolean;
  message?: string;
  error?: string;
  data?: { [field: string]: unknown };
}

/** A line of the `watch` stream: `{"event": "status", ...}` or `{"event": "state", "from", "to", "reason", "fault"}`. */
export interface ConsoleEvent {
  event: string;
  [field: string]: unknown;
}

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
