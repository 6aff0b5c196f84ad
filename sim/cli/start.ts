// `npm start`: a live console for the simulated treadmill on a terminal, or the demo scenario in fast-forward without one.

import { join, relative } from 'path';
import { bootTreadmill } from '../../firmware/index';
import type { SessionMetrics } from '../../firmware/core/session-metrics';
import { FAULT_MESSAGES } from '../../firmware/fault-code';
import type { Command, CommandName } from '../../firmware/command';
import { runScenario } from '../scenario/run-scenario';
import { SimSession } from '../scenario/sim-session';
import type { TraceRow } from '../scenario/trace-row';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../sim-treadmill';
import { loadScenarioFile, scenarioUnits, summaryLines } from './run-scenario';
import { formatSpeed, type SpeedUnits } from '../../firmware/core/units';
import { loadSettings } from '../../firmware/persistence/settings-record';
import { SimLog } from '../ports/sim-log';
import { inclineSensorOn, machineLimitOverrides, machinePlant, readMachineFile, type MachineDescription } from '../../scripts/machine-description';
import type { TimedBoardName } from '../../hal/espruino/boards/board-timing';
import { boardConfig, boardSimOptions, boardTimingLabel, DEFAULT_BOARD, parseBoardName } from './board-timing-options';
import { watchStdoutReader, writeStdout } from './stdout-writer';
import { DEFAULT_CONFIG, type Treadmill } from '../../firmware/index';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { answerText, keepRecentSamples, liveViewLines, type LiveProgram } from './live-view';
import { helpScreenLines, keyReminderLines, liveKeyAction } from './live-keys';
import { sessionFigures, sessionSummaryLine } from './session-summary';
import type { SpeedSample } from './speed-plot';
import { advertiseFtms, BLE_SIM_NAME, BlenoFtmsLink, loadBleno, waitForPoweredOn, type BlenoModule } from './bleno-ftms-link';

const DEMO_FILE = join(__dirname, '..', 'scenarios', 'demo-backward-session.json');
/** Redraw period of the live view, ms (about 10 frames per second). */
const FRAME_MS = 100;
const LOG_TAIL_LINES = 6;
/** The live walker's push speed on a free belt, km/h (signed by the selected direction). */
const PUSH_SPEED_KPH = 2;


/** The machine the simulator is, unless `--machine FILE` names another: the project's machine file. */
const DEFAULT_MACHINE_PATH = join(__dirname, '..', '..', 'machine.json');

/** One line naming the machine: the file and what the plant takes from it. */
function machineLine(machinePath: string, machine: MachineDescription): string {
  const sensor = inclineSensorOn(machine, machine.board);
  return 'machine ' + relative(process.cwd(), machinePath) + ': ' + machine.board + ' board, ' + machine.drive + ' drive, ' + fixed(machine.metersPerPulse, 4) + ' m per pulse, incline ' + sensor;
}

/** Play the demo scenario in fast-forward on `machine` at `board`'s timing and print what happened; returns the exit status. */
function playDemo(machinePath: string, board: TimedBoardName): number {
  const say = (line: string) => writeStdout(line + '\n');
  const scenario = loadScenarioFile(DEMO_FILE, machinePath);
  say('retrotread simulator: no terminal attached, playing the demo in fast-forward on ' + boardTimingLabel(board));
  say(machineLine(machinePath, readMachineFile(machinePath)));
  say(scenario.name + ': ' + scenario.description);
  say('');
  const result = runScenario(scenario, bootTreadmill, {
    defaultConfig: boardConfig(board),
    defaultSimOptions: Object.assign({}, DEFAULT_SIM_OPTIONS, boardSimOptions(board)),
    onEvent: (timeS: number, text: string) => say(timeS.toFixed(1).padStart(7) + ' s  ' + text),
    onLogLine: (timeS: number, level: string, message: string) => {
      // The session's story is its state changes and warnings; refusals and chatter stay out.
      if (level !== 'info' || message.indexOf(' -> ') > 0) say(timeS.toFixed(1).padStart(7) + ' s    ' + (level === 'info' ? '' : level + ': ') + message);
    },
  });
  say('');
  summaryLines(result, scenarioUnits(scenario.config)).forEach(say);
  result.failures.forEach((failure) => say('FAIL ' + failure));
  say(result.passed ? 'demo finished: every expectation met' : 'demo FAILED: ' + result.failures.length + ' problem(s)');
  return result.passed ? 0 : 1;
}

function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** The session figures on one line: time, distance by direction, energy and MET, and when the estimate is rough. */
function sessionLine(metrics: SessionMetrics): string {
  const seconds = Math.floor(metrics.elapsedMs / 1000);
  const clock = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  const remaining = metrics.remainingMs === null ? '' : '  left ' + fixed(metrics.remainingMs / 60000, 1) + ' min';
  const rough = metrics.currentEstimateQuality === 'belowValidatedRange' && metrics.active ? ' (rough below 3 km/h)' : '';
  return (
    clock + remaining + '   fwd ' + fixed(metrics.distanceForwardM, 1) + ' m  back ' + fixed(metrics.distanceBackwardM, 1) + ' m   ' +
    fixed(metrics.energyKcal, 1) + ' kcal   MET ' + fixed(metrics.currentMet, 1) + rough + ' (mean ' + fixed(metrics.averageMet, 1) + ')'
  );
}

/** A duty bar of `width` cells. */
function bar(fraction: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return '[' + '#'.repeat(filled) + '.'.repeat(width - filled) + ']';
}

/** The live console: the firmware on `machine` at `board`'s timing, simulated in real time, keys as local commands; with `bleno`, served as a Bluetooth FTMS peripheral too. */
function runLive(machinePath: string, board: TimedBoardName, bleno: BlenoModule | null = null): void {
  const machine = readMachineFile(machinePath);
  const logTail: string[] = [];
  let lastAnswer = 'press s to start (a 3 s countdown first)';
  let walkerOn = true;
  let firmware: Treadmill | null = null;
  let bleLink: BlenoFtmsLink | null = null;
  let bleState = 'starting';
  const session = new SimSession({
    createSim: createSimTreadmill,
    simOptions: Object.assign({}, DEFAULT_SIM_OPTIONS, machinePlant(machine), { walkerMode: 'forward' as const }, boardSimOptions(board)),
    // Kept to read the program's progress, which the session's firmware interface does not carry.
    bootFirmware: (hal: TreadmillHal, overrides: object, machineConfig: object) => {
      if (bleno !== null) {
        // One peripheral for the whole run; a reboot drops its clients, as a board's reset would.
        if (bleLink === null) bleLink = new BlenoFtmsLink(bleno, hal.scheduler, hal.log);
        else bleLink.dropConnections();
        hal.ftms = bleLink;
      }
      firmware = bootTreadmill(hal, overrides, machineConfig);
      return firmware;
    },
    config: boardConfig(board),
    machineConfig: machineLimitOverrides(machine),
    samplePeriodMs: 100,
    onSample: (_row: TraceRow) => undefined,
    onLogLine: (timeMs: number, level: string, message: string) => {
      logTail.push(fixed(timeMs / 1000, 1).padStart(7) + ' ' + (level === 'info' ? '' : level + ': ') + message);
      if (logTail.length > LOG_TAIL_LINES) logTail.shift();
    },
    onEvent: (timeMs: number, text: string) => {
      logTail.push(fixed(timeMs / 1000, 1).padStart(7) + ' ' + text);
      if (logTail.length > LOG_TAIL_LINES) logTail.shift();
    },
  });
  const world = () => session.sim as unknown as SimTreadmill;
  // Speeds are shown in the units of the stored settings (km/h unless the user chose mph).
  const shownUnits: SpeedUnits = loadSettings(world().storage, new SimLog()).units;
  const units = () => shownUnits;

  const send = (name: CommandName, inclinePct?: number) => {
    const command: Command = { name, source: 'local' };
    if (name === 'setDirection') {
      const status = session.status;
      const current = status.pendingDirection !== null ? status.pendingDirection : status.direction;
      command.direction = current === 'forward' ? 'backward' : 'forward';
    }
    if (inclinePct !== undefined) command.inclinePct = inclinePct;
    const result = session.command(command);
    lastAnswer = (command.direction ? command.direction + ': ' : '') + answerText(result.accepted, result.message);
  };
  const inclineStep = (sign: number) => send('setIncline', Math.max(0, session.status.targetInclinePct + sign * DEFAULT_CONFIG.incline.stepPct));

  /** The walker walks the selected direction, pushes a free belt, or is off. */
  const updateWalker = () => {
    const status = session.status;
    const sign = status.direction === 'backward' ? -1 : 1;
    world().setPushSpeed(sign * PUSH_SPEED_KPH);
    const mode = !walkerOn ? 'off' : status.state === 'freeBelt' ? 'push' : status.direction;
    session.setWalker(mode, -1);
  };

  let showHelp = false;
  const onKey = (key: string): boolean => {
    const action = liveKeyAction(key);
    if (action === 'quit') return false;
    // Any key leaves the help screen; its own key only toggles it.
    if (action === 'help' || showHelp) {
      showHelp = action === 'help' ? !showHelp : false;
      return true;
    }
    if (action === 'start' || action === 'stop' || action === 'speedUp' || action === 'speedDown' || action === 'slowDown' || action === 'freeBelt' || action === 'clearFault') send(action);
    else if (action === 'direction') send('setDirection');
    else if (action === 'inclineUp') inclineStep(1);
    else if (action === 'inclineDown') inclineStep(-1);
    else if (action === 'key') {
      if (world().keyPresent()) world().pullKey();
      else world().insertKey();
      lastAnswer = world().keyPresent() ? 'safety key inserted' : 'safety key pulled';
    } else if (action === 'walker') {
      walkerOn = !walkerOn;
      lastAnswer = walkerOn ? 'walker on the belt' : 'walker off the belt';
    }
    return true;
  };

  const samples: SpeedSample[] = [];
  const sampleSpeeds = () => {
    const status = session.status;
    samples.push({ timeMs: session.nowMs(), targetKph: status.state === 'stopping' ? 0 : status.targetSpeedKph, measuredKph: status.measuredSpeedKph });
    keepRecentSamples(samples, session.nowMs());
  };
  const programShown = (): LiveProgram | null => {
    const program = firmware !== null ? firmware.programStatus() : null;
    return program === null || program.name === '' ? null : program;
  };

  const render = () => {
    const status = session.status;
    const sim = world();
    const row = session.fillRow();
    const width = process.stdout.columns || 100;
    let lines: string[];
    if (showHelp) lines = helpScreenLines(width - 1);
    else {
      lines = liveViewLines(
        {
          title: 'retrotread simulator (live)   t = ' + fixed(session.nowMs() / 1000, 1) + ' s   reboots ' + session.reboots + '   ' + machineLine(machinePath, machine),
          status: status,
          program: programShown(),
          extraLines: [
            'setpoint   ' + fixed(status.setpointKph, 2) + ' km/h (the ramp)   belt ' + fixed(row.beltKph, 2) + ' km/h',
            'duty       ' + fixed(row.duty, 3) + ' ' + bar(row.duty, 20) + '   motor ' + (row.motorEnabled ? 'enabled' : 'off') + '   walker ' + (walkerOn ? (status.state === 'freeBelt' ? 'pushing' : 'walking ' + status.direction) : 'off') + (sim.keyPresent() ? '' : '   (key pulled)'),
            'fault      ' + (status.fault ? status.fault + ': ' + FAULT_MESSAGES[status.fault] + ' (c clears, key in)' : 'none'),
            'session    ' + sessionLine(status.metrics),
          ].concat(bleLink === null ? [] : ['bluetooth  ' + bleState + ', ' + bleLink.connectedClients() + ' connected']),
          samples: samples,
          nowMs: session.nowMs(),
          speedText: (speedKph: number) => formatSpeed(speedKph, units()),
        },
        width - 1,
      );
      lines.push('', '> ' + lastAnswer, '', 'log:');
      logTail.forEach((line) => lines.push(line));
      for (let index = logTail.length; index < LOG_TAIL_LINES; index++) lines.push('');
      lines.push('');
      keyReminderLines(width - 1).forEach((line) => lines.push(line));
    }
    process.stdout.write('\u001b[H' + lines.map((line) => line.substring(0, width - 1) + '\u001b[K').join('\n') + '\u001b[J');
  };

  const stdin = process.stdin;
  const restore = () => {
    if (stdin.isTTY) stdin.setRawMode(false);
    process.stdout.write('\u001b[?25h\u001b[?1049l');
  };
  process.on('exit', restore);
  process.stdout.write('\u001b[?1049h\u001b[?25l\u001b[2J');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const startedMs = performance.now();
  const timer = setInterval(() => {
    updateWalker();
    session.runUntil(Math.floor(performance.now() - startedMs));
    sampleSpeeds();
    render();
  }, FRAME_MS);
  const quit = () => {
    clearInterval(timer);
    stdin.pause();
    restore();
    process.removeListener('exit', restore);
    process.stdout.write('retrotread simulator: ' + fixed(session.nowMs() / 1000, 1) + ' s, belt ' + fixed(session.fillRow().beltDistanceM, 1) + ' m, final state ' + session.status.state + '\n' + sessionSummaryLine(sessionFigures(session.status.metrics)) + '\n');
    process.exit(0);
  };
  if (bleno !== null && bleLink !== null) {
    advertiseFtms(bleno, bleLink, BLE_SIM_NAME, process.platform).then(
      () => {
        bleState = 'FTMS advertised as ' + BLE_SIM_NAME;
      },
      (error: Error) => {
        clearInterval(timer);
        restore();
        process.removeListener('exit', restore);
        process.stderr.write('error: ' + error.message + '\n');
        process.exit(1);
      },
    );
  }
  stdin.on('data', (chunk: string) => {
    let rest = chunk;
    while (rest.length > 0) {
      const length = rest.charAt(0) === '\u001b' && rest.charAt(1) === '[' ? 3 : 1;
      if (!onKey(rest.substring(0, length))) {
        quit();
        return;
      }
      rest = rest.substring(length);
    }
    render();
  });
  render();
}

const USAGE = 'usage: npm start -- [--demo] [--machine FILE] [--board NAME] [--ble]   (--ble: also serve the live simulator as a Bluetooth FTMS peripheral, README.md "Bluetooth FTMS"; the machine: README.md, "Your machine"; default machine.json; the board whose control period and tick time the simulator runs at: the machine\'s, or --board)';

/** `--ble`: load bleno and wait for the adapter before the live view takes the screen; a reason it cannot run is one line and exit 1. */
function runLiveWithBle(machinePath: string, board: TimedBoardName): void {
  const fail = (error: unknown) => {
    process.stderr.write('error: ' + (error instanceof Error ? error.message : String(error)) + '\n');
    // bleno's socket would keep the process alive.
    process.exit(1);
  };
  let bleno: BlenoModule;
  try {
    bleno = loadBleno();
  } catch (error) {
    fail(error);
    return;
  }
  writeStdout('retrotread simulator: waiting for the Bluetooth adapter...\n');
  waitForPoweredOn(bleno, undefined, true).then(() => runLive(machinePath, board, bleno), fail);
}

function main(argv: string[]): void {
  let demo = false;
  let ble = false;
  let machinePath = DEFAULT_MACHINE_PATH;
  let boardName: string | null = null;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--demo') demo = true;
    else if (argv[index] === '--ble') ble = true;
    else if (argv[index] === '--machine' && index + 1 < argv.length) machinePath = argv[++index];
    else if (argv[index] === '--board' && index + 1 < argv.length) boardName = argv[++index];
    else throw new Error((argv[index] === '--machine' ? '--machine needs a machine file' : argv[index] === '--board' ? '--board needs a board name' : 'unknown option ' + argv[index]) + '\n' + USAGE);
  }
  // Read once up front, so that a bad machine file is reported before anything runs.
  const machine = readMachineFile(machinePath);
  const board: TimedBoardName = parseBoardName(boardName !== null ? boardName : machine.board || DEFAULT_BOARD);
  const terminal = process.stdin.isTTY && process.stdout.isTTY;
  if (ble && (demo || !terminal)) throw new Error('--ble serves the live simulator, which needs a terminal (and no --demo)\n' + USAGE);
  if (ble) runLiveWithBle(machinePath, board);
  else if (!demo && terminal) runLive(machinePath, board);
  else process.exitCode = playDemo(machinePath, board);
}

watchStdoutReader();
try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write('error: ' + (error as Error).message + '\n');
  process.exitCode = 2;
}
