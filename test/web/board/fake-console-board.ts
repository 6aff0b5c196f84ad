// A board for the board links' tests: the real firmware on the simulated treadmill behind an Espruino-like console, text in, text out.

import { bootTreadmill, type Treadmill } from '../../../firmware/index';
import type { TreadmillHal } from '../../../hal/treadmill-hal';
import { SimScheduler } from '../../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../../sim/sim-treadmill';
import { boardConfig } from '../../../sim/cli/board-timing-options';
import type { SourceTimers } from '../../../web/board/source-timers';
import { timersOn } from './board-test-time';

/** What the board understood of each line written to it, in order. */
export interface ReceivedLine {
  kind: 'request' | 'figures' | 'other';
  /** The request's `cmd` (a request), '' otherwise. */
  cmd: string;
  text: string;
}

/**
 * The firmware booted on the simulator as on an ESP32, its console reached as Espruino's REPL is:
 * each `\x10rt("...")` line goes through the firmware's `reply`, the reply printed among the
 * REPL's noise (`=undefined`, the prompt); `console.log(JSON.stringify({id:N,ok:true,data:
 * treadmill.status().metrics}))` prints the figures; anything else gets Espruino's syntax error.
 * The firmware's log and its status stream are printed as lines. Time moves only by `advance`.
 */
export class FakeConsoleBoard {
  readonly scheduler = new SimScheduler();
  readonly sim: SimTreadmill;
  readonly firmware: Treadmill;
  readonly received: ReceivedLine[] = [];
  private readonly outputListeners: ((text: string) => void)[] = [];
  private partial = '';
  /** While true, the board hears nothing and says nothing (a busy or hung board). */
  silent = false;

  /** `configOverrides`: the board's configuration beyond the ESP32's timing (its units, say). */
  constructor(configOverrides?: object) {
    this.sim = createSimTreadmill(this.scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'off' as const }));
    const hal = Object.assign({}, this.sim.hal) as TreadmillHal;
    hal.log = {
      info: (message: string) => this.print('info: ' + message + '\r\n'),
      warn: (message: string) => this.print('warn: ' + message + '\r\n'),
      error: (message: string) => this.print('error: ' + message + '\r\n'),
      data: (line: string) => this.print(line + '\r\n'),
    };
    this.firmware = bootTreadmill(hal, Object.assign({}, boardConfig('esp32'), configOverrides || {}));
    // As after a power-up: the belt seen still for the standstill timeout.
    this.scheduler.advance(4000);
  }

  /** The board's output, as text in pieces. */
  onOutput(listener: (text: string) => void): void {
    this.outputListeners.push(listener);
  }

  /** Text the host wrote to the board (in any pieces). */
  write(text: string): void {
    if (this.silent) return;
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() as string;
    lines.filter((line) => line !== '').forEach((line) => this.takeLine(line));
  }

  /** The commands the board received, in order (`status`, `watch`, `start`...). */
  commands(): string[] {
    return this.received.filter((line) => line.kind === 'request').map((line) => line.cmd);
  }

  /** Source timers on the board's own simulated clock, so a test moves both with one `advance`. */
  timers(): SourceTimers {
    return timersOn(this.scheduler);
  }

  private print(text: string): void {
    if (this.silent) return;
    this.outputListeners.forEach((listener) => listener(text));
  }

  private takeLine(line: string): void {
    const request = /^\u0010rt\((".*")\)$/.exec(line);
    const figures = /^\u0010console\.log\(JSON\.stringify\(\{id:(\d+),ok:true,data:treadmill\.status\(\)\.metrics\}\)\)$/.exec(line);
    if (request !== null) {
      const json = JSON.parse(request[1]) as string;
      const parsed = JSON.parse(json) as { cmd?: unknown };
      this.received.push({ kind: 'request', cmd: String(parsed.cmd), text: line });
      this.print(this.firmware.reply(json) + '\r\n=undefined\r\n>');
    } else if (figures !== null) {
      this.received.push({ kind: 'figures', cmd: '', text: line });
      this.print(JSON.stringify({ id: Number(figures[1]), ok: true, data: this.firmware.status().metrics }) + '\r\n=undefined\r\n>');
    } else {
      this.received.push({ kind: 'other', cmd: '', text: line });
      this.print('Uncaught SyntaxError: Got ?[16] expected EOF\r\n>');
    }
  }
}
