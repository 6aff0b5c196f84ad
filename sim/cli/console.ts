// `npm run console -- --sim`: the host console, a command line that drives the treadmill through the board's line protocol (here the simulated treadmill's).

import { createInterface } from 'node:readline';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import { SimScheduler } from '../sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../sim-treadmill';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { boardConfig, boardSimOptions, boardTimingLabel, DEFAULT_BOARD, parseBoardName } from './board-timing-options';
import { CONSOLE_HELP, parseConsoleLine } from './console-commands';
import { writeStdout } from './stdout-writer';

const USAGE = 'usage: npm run console -- --sim [--board esp32|pico|jolt]   (commands from the keyboard or piped in; help lists them)';
/** How often a wait looks at the status for a change of state to report, ms of simulated time. */
const LOOK_EVERY_MS = 100;
/** The walker `walker on` puts on the belt, kg. */
const WALKER_KG = 70;

interface Reply {
  ok: boolean;
  message?: string;
  error?: string;
  data?: { [field: string]: unknown };
}

function say(line: string): void {
  writeStdout(line + '\n');
}

function kph(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) + ' km/h' : '-';
}

/** A status reply's data as one line a person reads. */
function statusLine(data: { [field: string]: unknown }): string {
  const parts = [String(data.state) + ', ' + String(data.direction) + (data.pendingDirection ? ' (then ' + String(data.pendingDirection) + ')' : '')];
  parts.push('target ' + kph(data.targetSpeedKph), 'belt ' + kph(data.measuredSpeedKph));
  parts.push('incline ' + Number(data.inclinePct).toFixed(1) + ' %', Math.round(Number(data.distanceM)) + ' m');
  parts.push(data.keyPresent ? 'key in' : 'key OUT');
  if (data.fault) parts.push('fault ' + String(data.fault));
  return parts.join(', ');
}

/**
 * The console on the simulated treadmill: the firmware booted as on a board, every request sent
 * as the same line of JSON a board's `rt()` takes and answered through its `reply`, so the
 * protocol is exercised end to end. Simulated time moves only by `wait`, which reports each state
 * change with its time: a piped script gives the same output on every run.
 */
function runSimConsole(boardName: string): void {
  const board = parseBoardName(boardName);
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, boardSimOptions(board), { walkerMode: 'off' }));
  const hal = Object.assign({}, sim.hal) as TreadmillHal;
  const seconds = () => (scheduler.nowMs() / 1000).toFixed(1).padStart(6) + ' s';
  hal.log = {
    info: (message: string) => say(seconds() + '  log: ' + message),
    warn: (message: string) => say(seconds() + '  log: warning: ' + message),
    error: (message: string) => say(seconds() + '  log: error: ' + message),
    data: (line: string) => say(seconds() + '  ' + line),
  };
  const firmware: Treadmill = bootTreadmill(hal, boardConfig(board));
  const send = (request: object): Reply => JSON.parse(firmware.reply(JSON.stringify(request))) as Reply;
  let lastState = '';
  const reportChange = () => {
    const status = firmware.status();
    const state = status.state + (status.fault ? ' (' + status.fault + ')' : '');
    if (state !== lastState) say(seconds() + '  now ' + state + ': ' + status.reason);
    lastState = state;
  };
  const advance = (ms: number) => {
    for (let doneMs = 0; doneMs < ms; doneMs += LOOK_EVERY_MS) {
      scheduler.advance(Math.min(LOOK_EVERY_MS, ms - doneMs));
      reportChange();
    }
  };
  say('retrotread console on the simulated treadmill, ' + boardTimingLabel(board) + '; help lists the commands');
  // Ready as after a board's power-up: the belt watched still for the standstill timeout.
  while (!firmware.status().beltStill && scheduler.nowMs() < 20000) scheduler.advance(LOOK_EVERY_MS);
  reportChange();
  const input = createInterface({ input: process.stdin, terminal: false });
  let quitting = false;
  const finish = () => {
    if (quitting) return;
    quitting = true;
    const metrics = firmware.status().metrics;
    say('session: ' + (metrics.elapsedMs / 1000).toFixed(0) + ' s, ' + metrics.distanceM.toFixed(0) + ' m, ' + metrics.energyKcal.toFixed(1) + ' kcal');
    input.close();
  };
  input.on('line', (line: string) => {
    if (quitting) return;
    const parsed = parseConsoleLine(line);
    if (parsed.kind === 'nothing') return;
    say('> ' + line.trim());
    if (parsed.kind === 'error') say('  ' + parsed.message);
    else if (parsed.kind === 'quit') finish();
    else if (parsed.kind === 'wait') advance(parsed.seconds * 1000);
    else if (parsed.kind === 'key') {
      if (parsed.inserted) sim.insertKey();
      else sim.pullKey();
      advance(LOOK_EVERY_MS);
    } else if (parsed.kind === 'walker') {
      sim.setWalker(parsed.on ? firmware.status().direction : 'off', WALKER_KG);
      say('  walker ' + (parsed.on ? 'on' : 'off'));
    } else {
      const reply = send(parsed.request);
      if (parsed.request.cmd === 'help') say(CONSOLE_HELP.split('\n').map((text) => '  ' + text).join('\n'));
      else if (!reply.ok) say('  refused: ' + reply.error);
      else if (parsed.request.cmd === 'status' && reply.data) say('  ' + statusLine(reply.data));
      else if (reply.data) say('  ' + JSON.stringify(reply.data));
      else say('  ok: ' + reply.message);
      reportChange();
    }
  });
  input.on('close', finish);
}

function main(args: string[]): number {
  let board = DEFAULT_BOARD as string;
  let simulated = false;
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--sim') simulated = true;
    else if (args[index] === '--board' && index + 1 < args.length) board = args[++index];
    else if (args[index] === '--port') {
      say('a board over a serial port is not built yet (it needs the serialport library); try --sim');
      return 2;
    } else {
      say(USAGE);
      return 2;
    }
  }
  if (!simulated) {
    say(USAGE);
    return 2;
  }
  try {
    runSimConsole(board);
  } catch (error) {
    say(String(error instanceof Error ? error.message : error));
    return 2;
  }
  return 0;
}

const status = main(process.argv.slice(2));
if (status !== 0) process.exitCode = status;
