// The host console's transport to the simulated treadmill: the firmware booted in-process, the line protocol through its `reply`.

import { bootTreadmill, type Treadmill } from '../../firmware/index';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import type { TimedBoardName } from '../../hal/espruino/boards/board-timing';
import { SimScheduler } from '../sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../sim-treadmill';
import { boardConfig, boardSimOptions, boardTimingLabel } from './board-timing-options';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest, ConsoleTransport, SimulatorControls } from './console-transport';
import { sessionFigures, type SessionFigures } from './session-summary';

/** The walker `walker on` puts on the belt, kg. */
const WALKER_KG = 70;
/** How often the wall clock moves simulated time in the live view, ms. */
const REAL_TIME_STEP_MS = 50;
/** Longest wait for the belt to be seen still after boot, ms of simulated time. */
const BOOT_STILL_WAIT_MS = 20000;

/**
 * The firmware on the simulated treadmill, booted as on a board (the same line of JSON a board's
 * `rt()` takes goes through `reply`). Simulated time moves only when told (`advance`, or the wall
 * clock after `runInRealTime`), so a piped script gives the same output on every run.
 */
export class SimTransport implements ConsoleTransport {
  readonly description: string;
  readonly simulator: SimulatorControls;
  private readonly scheduler = new SimScheduler();
  private readonly sim: SimTreadmill;
  private readonly firmware: Treadmill;
  private readonly eventListeners: ((event: ConsoleEvent) => void)[] = [];
  private readonly logListeners: ((text: string) => void)[] = [];
  private realTimeTimer: ReturnType<typeof setInterval> | null = null;

  constructor(board: TimedBoardName) {
    this.description = 'the simulated treadmill, ' + boardTimingLabel(board);
    this.sim = createSimTreadmill(this.scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, boardSimOptions(board), { walkerMode: 'off' }));
    const hal = Object.assign({}, this.sim.hal) as TreadmillHal;
    hal.log = {
      info: (message: string) => this.log(message),
      warn: (message: string) => this.log('warning: ' + message),
      error: (message: string) => this.log('error: ' + message),
      data: (line: string) => {
        const event = JSON.parse(line) as ConsoleEvent;
        this.eventListeners.forEach((listener) => listener(event));
      },
    };
    this.firmware = bootTreadmill(hal, boardConfig(board));
    // Ready as after a board's power-up: the belt watched still for the standstill timeout.
    while (!this.firmware.status().beltStill && this.scheduler.nowMs() < BOOT_STILL_WAIT_MS) this.scheduler.advance(100);
    const sim = this.sim;
    const firmware = this.firmware;
    const scheduler = this.scheduler;
    this.simulator = {
      advance: (ms: number) => scheduler.advance(ms),
      setKey: (inserted: boolean) => (inserted ? sim.insertKey() : sim.pullKey()),
      setWalker: (on: boolean) => sim.setWalker(on ? firmware.status().direction : 'off', WALKER_KG),
    };
  }

  send(request: ConsoleRequest): Promise<ConsoleReply> {
    return Promise.resolve(JSON.parse(this.firmware.reply(JSON.stringify(request))) as ConsoleReply);
  }

  sessionFigures(): Promise<SessionFigures | null> {
    return Promise.resolve(sessionFigures(this.firmware.status().metrics));
  }

  onEvent(listener: (event: ConsoleEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.logListeners.push(listener);
  }

  nowMs(): number {
    return this.scheduler.nowMs();
  }

  runInRealTime(): void {
    if (this.realTimeTimer !== null) return;
    let lastWallMs = performance.now();
    this.realTimeTimer = setInterval(() => {
      const wallMs = performance.now();
      this.scheduler.advance(Math.floor(wallMs - lastWallMs));
      lastWallMs += Math.floor(wallMs - lastWallMs);
    }, REAL_TIME_STEP_MS);
  }

  close(): Promise<void> {
    if (this.realTimeTimer !== null) clearInterval(this.realTimeTimer);
    this.realTimeTimer = null;
    return Promise.resolve();
  }

  private log(text: string): void {
    this.logListeners.forEach((listener) => listener(text));
  }
}
