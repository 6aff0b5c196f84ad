// What the console handle (the global `treadmill` on a board) offers: names a person types, so no build may shorten them.

import type { MemoryReport } from '../hal/memory-report';
import type { Command, CommandResult } from './command';
import type { ProgramStatus } from './program/program-control';
import type { TreadmillStatus } from './treadmill-status';

/**
 * The Treadmill's methods reachable from the Espruino console (hal/espruino/boot.ts keeps the
 * booted treadmill as `global.treadmill`). This file is an external shape
 * (scripts/property-mangling.ts): every edition's bundle keeps these names, so
 * `treadmill.status()` works on the Pico as on the ESP32.
 */
export interface TreadmillConsole {
  status(): TreadmillStatus;
  command(command: Command): CommandResult;
  programStatus(): ProgramStatus;
  homeIncline(): CommandResult;
  calibrationOutcome(): string;
  calibrating(): boolean;
  displayUnits(): 'kph' | 'mph';
  halt(): void;
  /** The line protocol (firmware/console-protocol.ts): the reply to one JSON request line, as one line of JSON. */
  reply(line: unknown): string;
  /**
   * Stream the status as a line of data every `everyMs` and an event line at every state change
   * (hal/log.ts `data`), until `unwatch`; a new watch replaces the old one.
   */
  watch(everyMs: number): CommandResult;
  unwatch(): CommandResult;
  /** The interpreter's memory (hal.memory), or null where the board does not report it. */
  memoryReport(): MemoryReport | null;
}
