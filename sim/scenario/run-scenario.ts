// Plays a scenario against the firmware on the simulated treadmill in fast-forward and judges its expectations.

import type { CommandResult } from '../../firmware/command';
import type { EstimateQuality } from '../../firmware/core/energy';
import type { FaultCode } from '../../firmware/fault-code';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimButton, type SimTreadmillOptions } from '../sim-treadmill';
import { conditionHolds, describeMismatch, LogWatch } from './condition';
import { describeFtmsAction, FtmsScenarioClient, type OnFtmsValue } from './ftms-scenario-client';
import type { Scenario, ScenarioAction, ScenarioExpectation } from './scenario-types';
import { SimSession, STANDSTILL_KPH, type BootFirmware, type CreateSim, type LogLevel } from './sim-session';
import type { TraceRow } from './trace-row';

/** How to run a scenario and what to observe while it runs. Every field is optional. */
export interface RunScenarioOptions {
  /** Called with the reused trace row at every control tick (or every `traceEveryMs`): copy what you keep. */
  onTraceRow?: (row: TraceRow) => void;
  /** Emit a trace row at most this often, ms; 0 or absent: every control tick. */
  traceEveryMs?: number;
  /**
   * The firmware's control period, ms, used as the sampling period. Default: the scenario's
   * `config.controlPeriodMs`, else `defaultConfig`'s, else 100 (the shipped default).
   */
  controlPeriodMs?: number;
  /**
   * Firmware configuration overrides beneath the scenario's own `config`: what a composition root
   * sets for its board (its control period, hal/espruino/boards/board-timing.ts). Default none.
   */
  defaultConfig?: { [key: string]: unknown };
  /** Called for every line the firmware logs (scenario time in seconds). */
  onLogLine?: (timeS: number, level: LogLevel, message: string) => void;
  /** Called for every step played and every reboot, in words (scenario time in seconds). */
  onEvent?: (timeS: number, text: string) => void;
  /** The simulated treadmill factory; default `createSimTreadmill`. Tests pass fakes. */
  createSim?: CreateSim;
  /** Simulator options the scenario's `sim` overrides; default `DEFAULT_SIM_OPTIONS`. */
  defaultSimOptions?: SimTreadmillOptions;
  /**
   * Give the board Bluetooth FTMS even when no step acts as an app (to log what it serves).
   * A scenario with `ftms` steps always gets it; one without runs without, as before FTMS.
   */
  ftms?: boolean;
  /** Called for every FTMS value the firmware sets or sends and every write it receives, in time order (the `--ftms-log`). */
  onFtmsValue?: OnFtmsValue;
}

/** Figures of one run; all come from simulated time and truth, none from the wall clock, so runs compare exactly. */
export interface ScenarioSummary {
  durationS: number;
  seed: number;
  /** True belt travel, metres, both directions. */
  distanceM: number;
  /** Highest true belt speed in either direction, km/h. */
  maxSpeedKph: number;
  /** Highest true backward belt speed, km/h (positive). */
  maxBackwardSpeedKph: number;
  finalState: string;
  finalFault: FaultCode | null;
  /** Distinct latched faults the firmware reported, in order of first appearance. */
  faultsSeen: FaultCode[];
  reboots: number;
  powerLosses: number;
  watchdogResets: number;
  /** Times the direction output switched. */
  directionChanges: number;
  /** Shortest time the belt had stood still before a direction switch, seconds; null without switches. */
  minDirectionDwellS: number | null;
  commands: number;
  commandsRefused: number;
  /** Button presses the scenario made, and how many the firmware refused or never answered. */
  presses: number;
  pressesRefused: number;
  /** Control point writes the scenario made as an app, and how many were answered with a result other than success. */
  ftmsWrites: number;
  ftmsWritesNotSuccessful: number;
  controlTicks: number;
  traceRows: number;
  logLines: number;
  expectations: number;
  expectationsFailed: number;
  /** Errors thrown inside simulated timers (each one a firmware or simulator bug). */
  timerErrors: number;
  /**
   * The firmware's figures of its latest session at the end of the run (status.metrics: a
   * session continues across a direction change, and a reboot starts the figures afresh).
   * Session time, seconds.
   */
  sessionElapsedS: number;
  /** Session distance measured running forward and walking backward, metres. */
  sessionDistanceForwardM: number;
  sessionDistanceBackwardM: number;
  /** Session elevation gain, metres. */
  sessionElevationGainM: number;
  /** Session energy estimate, kcal, and its mean MET. */
  sessionEnergyKcal: number;
  sessionAverageMet: number;
  /** Whether the session's energy estimate lies within the ACSM equations' validated range. */
  sessionEnergyQuality: EstimateQuality;
  /** Time left in the session as a program set it, seconds (0 once a program completed); null without a program. */
  sessionRemainingS: number | null;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  /** One line per failed expectation or broken invariant: what, when, and the actual value. */
  failures: string[];
  summary: ScenarioSummary;
}

/** The firmware's default control period, ms (firmware/config.ts; the simulator core does not import it). */
const DEFAULT_CONTROL_PERIOD_MS = 100;

/** Per-expectation progress, kept in arrays parallel to the scenario's expectations. */
const PENDING = 0;
const MET = 1;
const FAILED = 2;

function formatSeconds(timeMs: number): string {
  return (timeMs / 1000).toFixed(timeMs % 10 === 0 ? 2 : 3) + ' s';
}

function label(expectation: ScenarioExpectation): string {
  let text = 'steps[' + expectation.index + '] ' + expectation.kind + ' ';
  if (expectation.kind === 'expect') text += 'at ' + formatSeconds(expectation.fromMs);
  else text += formatSeconds(expectation.fromMs).replace(' s', '') + '..' + formatSeconds(expectation.toMs);
  if (expectation.note !== '') text += ' ("' + expectation.note + '")';
  return text;
}

function describeAction(action: ScenarioAction): string {
  if (action.kind === 'command' && action.command) {
    const command = action.command;
    let text = 'command ' + command.name + ' (' + command.source;
    if (command.speedKph !== undefined) text += ', ' + command.speedKph + ' km/h';
    if (command.direction !== undefined) text += ', ' + command.direction;
    if (command.inclinePct !== undefined) text += ', ' + command.inclinePct + ' %';
    if (command.program !== undefined) text += ', program ' + (command.program.length > 40 ? command.program.substring(0, 37) + '...' : command.program);
    return text + ')';
  }
  if (action.kind === 'ftms') return describeFtmsAction(action);
  if (action.kind === 'press') return 'press ' + action.button + ' for ' + action.holdMs + ' ms';
  if (action.kind === 'powerLoss') return 'powerLoss' + (action.offMs > 0 ? ' for ' + formatSeconds(action.offMs) : '');
  if (action.kind === 'writeStorage') {
    return 'writeStorage ' + action.storageWrites.map((file) => file.name + (file.text === null ? ' (erase)' : ' (' + file.text.length + ' characters)')).join(', ');
  }
  if (action.kind === 'fault' && action.simFault) {
    const settings = action.faultSettings as { [key: string]: number | undefined };
    const parts = Object.keys(settings).map((key) => key + ' ' + settings[key]);
    return 'fault ' + action.simFault + (parts.length > 0 ? ' (' + parts.join(', ') + ')' : '');
  }
  if (action.kind === 'walker') return 'walker ' + action.walkerMode + (action.walkerMassKg > 0 ? ' ' + action.walkerMassKg + ' kg' : '');
  if (action.kind === 'fault' || action.kind === 'clearFault') return action.kind + ' ' + action.simFault;
  return action.kind;
}

/** Every time at which the runner must stop to act or judge, sorted, without repeats. */
function collectInstants(scenario: Scenario): number[] {
  const instants: number[] = [scenario.durationMs];
  scenario.actions.forEach((action) => instants.push(action.atMs));
  scenario.expectations.forEach((expectation) => {
    instants.push(expectation.fromMs);
    instants.push(expectation.toMs);
  });
  instants.sort((a, b) => a - b);
  return instants.filter((time, index) => index === 0 || time !== instants[index - 1]);
}

/**
 * Run `scenario` with the firmware `bootFirmware` boots, in fast-forward on simulated time.
 * Keeps no trace in memory (rows stream to `options.onTraceRow`), so it also runs on a
 * microcontroller in the self-test. At an instant where both happen, expectations see the state
 * before the scenario's actions of that instant. Throws only when the firmware refuses to boot
 * (invalid `config`); every other problem is a failure in the result.
 */
export function runScenario(scenario: Scenario, bootFirmware: BootFirmware, options?: RunScenarioOptions): ScenarioResult {
  const settings: RunScenarioOptions = options || {};
  const simOptions: SimTreadmillOptions = Object.assign({}, settings.defaultSimOptions || DEFAULT_SIM_OPTIONS, scenario.sim);
  const config: { [key: string]: unknown } = Object.assign({}, settings.defaultConfig, scenario.config);
  const configPeriod = config.controlPeriodMs;
  const samplePeriodMs = settings.controlPeriodMs || (typeof configPeriod === 'number' && configPeriod > 0 ? configPeriod : DEFAULT_CONTROL_PERIOD_MS);
  const traceEveryMs = settings.traceEveryMs || 0;
  const onTraceRow = settings.onTraceRow;
  const onEvent = settings.onEvent;
  const expectations = scenario.expectations;
  const progress: number[] = expectations.map(() => PENDING);
  const lastEvaluatedMs: number[] = expectations.map(() => -1);
  const failCounts: number[] = expectations.map(() => 0);
  const failureTexts: string[] = expectations.map(() => '');
  const failures: string[] = [];
  const logWatch = new LogWatch();
  expectations.forEach((expectation) => {
    expectation.condition.checks.forEach((check) => {
      if (check.key === 'log') logWatch.watch(check.text);
    });
  });

  const summary: ScenarioSummary = {
    durationS: scenario.durationMs / 1000,
    seed: simOptions.seed,
    distanceM: 0,
    maxSpeedKph: 0,
    maxBackwardSpeedKph: 0,
    finalState: '',
    finalFault: null,
    faultsSeen: [],
    reboots: 0,
    powerLosses: 0,
    watchdogResets: 0,
    directionChanges: 0,
    minDirectionDwellS: null,
    commands: 0,
    commandsRefused: 0,
    presses: 0,
    pressesRefused: 0,
    ftmsWrites: 0,
    ftmsWritesNotSuccessful: 0,
    controlTicks: 0,
    traceRows: 0,
    logLines: 0,
    expectations: expectations.length,
    expectationsFailed: 0,
    timerErrors: 0,
    sessionElapsedS: 0,
    sessionDistanceForwardM: 0,
    sessionDistanceBackwardM: 0,
    sessionElevationGainM: 0,
    sessionEnergyKcal: 0,
    sessionAverageMet: 0,
    sessionEnergyQuality: 'validated',
    sessionRemainingS: null,
  };

  // Invariant: the firmware switches the direction output only with the motor off and the belt at a standstill.
  let previousDirectionOutput = '';
  let standstillSinceMs = -1;
  let directionViolations = 0;
  let directionViolationText = '';
  let rebootsSeen = 0;
  let lastDirectionDwellS = -1;
  let nextTraceMs = 0;

  /** Judge the expectations open at `nowMs` against `row`; called per tick and at each instant. */
  const evaluate = (row: TraceRow, nowMs: number) => {
    for (let index = 0; index < expectations.length; index++) {
      const expectation = expectations[index];
      if (nowMs < expectation.fromMs || nowMs > expectation.toMs || lastEvaluatedMs[index] === nowMs) continue;
      if (progress[index] !== PENDING && expectation.kind !== 'throughout') continue;
      lastEvaluatedMs[index] = nowMs;
      const logSinceMs = expectation.kind === 'within' ? expectation.fromMs : 0;
      const holds = conditionHolds(expectation.condition, row, logWatch, logSinceMs);
      if (expectation.kind === 'within') {
        if (holds) progress[index] = MET;
        else if (nowMs === expectation.toMs) {
          progress[index] = FAILED;
          failureTexts[index] = label(expectation) + ': never true; at ' + formatSeconds(nowMs) + ' ' + describeMismatch(expectation.condition, row, logWatch, logSinceMs);
        }
      } else if (expectation.kind === 'expect') {
        progress[index] = holds ? MET : FAILED;
        if (!holds) failureTexts[index] = label(expectation) + ': ' + describeMismatch(expectation.condition, row, logWatch, logSinceMs);
      } else if (!holds) {
        failCounts[index]++;
        if (progress[index] !== FAILED) {
          progress[index] = FAILED;
          failureTexts[index] = label(expectation) + ': false at ' + formatSeconds(nowMs) + ': ' + describeMismatch(expectation.condition, row, logWatch, logSinceMs);
        }
      }
    }
  };

  /** Track standstill and judge direction-output switches; run at every sample and after every action. */
  const observeDirection = (row: TraceRow, nowMs: number) => {
    const speedKph = Math.abs(row.beltKph);
    if (row.reboots !== rebootsSeen || !row.powered) {
      // A reset or a power cut drops the relay to its power-on level: that is the board, not a firmware switch.
      rebootsSeen = row.reboots;
      previousDirectionOutput = '';
    }
    if (speedKph >= STANDSTILL_KPH) standstillSinceMs = -1;
    else if (standstillSinceMs < 0) standstillSinceMs = nowMs;
    if (previousDirectionOutput !== '' && row.directionOutput !== previousDirectionOutput) {
      summary.directionChanges++;
      const moving = speedKph >= STANDSTILL_KPH;
      if (row.duty > 0 || row.motorEnabled || moving) {
        directionViolations++;
        if (directionViolationText === '') {
          directionViolationText =
            'direction output switched to ' + row.directionOutput + ' at ' + formatSeconds(nowMs) + ' with duty ' + row.duty + ', motor ' + (row.motorEnabled ? 'enabled' : 'disabled') + ', belt at ' + Math.round(row.beltKph * 1000) / 1000 + ' km/h';
        }
      }
      const dwellS = moving ? 0 : (nowMs - standstillSinceMs) / 1000;
      lastDirectionDwellS = dwellS;
      if (summary.minDirectionDwellS === null || dwellS < summary.minDirectionDwellS) summary.minDirectionDwellS = dwellS;
    }
    previousDirectionOutput = row.directionOutput;
    row.directionDwellS = lastDirectionDwellS;
  };

  const onSample = (row: TraceRow) => {
    const nowMs = Math.round(row.timeS * 1000);
    summary.controlTicks++;
    const speedKph = Math.abs(row.beltKph);
    if (speedKph > summary.maxSpeedKph) summary.maxSpeedKph = speedKph;
    if (-row.beltKph > summary.maxBackwardSpeedKph) summary.maxBackwardSpeedKph = -row.beltKph;
    if (row.fault !== null && summary.faultsSeen.indexOf(row.fault) < 0) summary.faultsSeen.push(row.fault);
    observeDirection(row, nowMs);
    evaluate(row, nowMs);
    if (onTraceRow && nowMs >= nextTraceMs) {
      summary.traceRows++;
      nextTraceMs = nowMs + traceEveryMs;
      onTraceRow(row);
    }
  };

  /**
   * Judge the firmware's answer to a command or press step: a refusal is a failure unless the step
   * expects one (`expectAccepted: false`), and an acceptance is one when it does.
   */
  const judgeAnswer = (action: ScenarioAction, answer: CommandResult, timeMs: number) => {
    const got = (answer.accepted ? 'accepted' : 'refused') + (answer.message ? ' ("' + answer.message + '")' : '');
    const noteText = action.note ? ' ("' + action.note + '")' : '';
    const where = 'steps[' + action.index + '] ' + describeAction(action) + ' at ' + formatSeconds(timeMs) + ': ';
    if (action.expectAccepted === null && !answer.accepted) {
      failures.push(where + got + noteText + '; a refusal fails the scenario unless the step says "expectAccepted": false');
    } else if (action.expectAccepted !== null && action.expectAccepted !== answer.accepted) {
      failures.push(where + 'expected ' + (action.expectAccepted ? 'accepted' : 'refused') + ', got ' + got + noteText);
    }
  };

  // Presses waiting for the firmware's answer, which comes when their edge is delivered (through the scheduler).
  const pendingPresses: ScenarioAction[] = [];
  const onButtonAnswer = (timeMs: number, button: SimButton, answer: CommandResult) => {
    let index = 0;
    while (index < pendingPresses.length && pendingPresses[index].button !== button) index++;
    if (index >= pendingPresses.length) return;
    const action = pendingPresses[index];
    pendingPresses.splice(index, 1);
    if (!answer.accepted) summary.pressesRefused++;
    if (onEvent) onEvent(timeMs / 1000, 'press ' + button + ': ' + (answer.accepted ? 'accepted' : 'refused') + (answer.message ? ': ' + answer.message : ''));
    judgeAnswer(action, answer, timeMs);
  };

  const onLogLine = settings.onLogLine;
  const ftmsClient = new FtmsScenarioClient(failures, settings.onFtmsValue, onEvent);
  const usesFtms = settings.ftms === true || scenario.actions.some((action) => action.kind === 'ftms');
  let session: SimSession | null = null;
  try {
    session = new SimSession({
      createSim: settings.createSim || createSimTreadmill,
      simOptions,
      bootFirmware,
      config,
      machineConfig: scenario.machineConfig,
      storage: scenario.storage,
      samplePeriodMs,
      onSample,
      onButtonAnswer,
      ftms: usesFtms,
      onLogLine: (timeMs: number, level: LogLevel, message: string) => {
        logWatch.offer(message, timeMs);
        if (onLogLine) onLogLine(timeMs / 1000, level, message);
      },
      onEvent: (timeMs: number, text: string) => {
        if (onEvent) onEvent(timeMs / 1000, text);
      },
    });
  } catch (error) {
    throw new Error('scenario "' + scenario.name + '": the firmware did not boot: ' + (error instanceof Error ? error.message : String(error)));
  }
  const running = session;

  const apply = (action: ScenarioAction) => {
    if (onEvent) onEvent(action.atMs / 1000, describeAction(action));
    if (action.kind === 'command' && action.command) {
      summary.commands++;
      const result = running.command(action.command);
      if (!result.accepted) summary.commandsRefused++;
      if (onEvent) onEvent(action.atMs / 1000, (result.accepted ? 'accepted' : 'refused') + (result.message ? ': ' + result.message : ''));
      judgeAnswer(action, result, action.atMs);
    } else if (action.kind === 'press' && action.button) {
      summary.presses++;
      pendingPresses.push(action);
      running.sim.press(action.button, action.holdMs);
    } else if (action.kind === 'pullKey') running.sim.pullKey();
    else if (action.kind === 'insertKey') running.sim.insertKey();
    else if (action.kind === 'walker' && action.walkerMode) running.setWalker(action.walkerMode, action.walkerMassKg);
    else if (action.kind === 'fault' && action.simFault) running.injectFault(action.simFault, action.faultSettings);
    else if (action.kind === 'clearFault' && action.simFault) running.clearFault(action.simFault);
    else if (action.kind === 'hang') running.hang();
    else if (action.kind === 'powerLoss') running.powerLoss(action.offMs);
    else if (action.kind === 'ftms') ftmsClient.apply(action, running, action.atMs);
    else if (action.kind === 'writeStorage') {
      action.storageWrites.forEach((file) => {
        if (!running.writeStorage(file.name, file.text)) failures.push('steps[' + action.index + '] writeStorage at ' + formatSeconds(action.atMs) + ': the simulated flash refused file "' + file.name + '"');
      });
    }
  };

  const instants = collectInstants(scenario);
  let nextAction = 0;
  instants.forEach((instantMs) => {
    running.runUntil(instantMs);
    ftmsClient.collect(running);
    const row = running.fillRow();
    observeDirection(row, instantMs);
    evaluate(row, instantMs);
    while (nextAction < scenario.actions.length && scenario.actions[nextAction].atMs === instantMs) {
      apply(scenario.actions[nextAction]);
      // A command may move the relay at once: judge it before a later action of this instant enables the motor.
      observeDirection(running.fillRow(), instantMs);
      nextAction++;
    }
  });

  // Deliver what the last instant's actions queued for now (a press at the very end still gets its answer).
  running.runUntil(scenario.durationMs);
  ftmsClient.finish(running);
  summary.ftmsWrites = ftmsClient.writes;
  summary.ftmsWritesNotSuccessful = ftmsClient.writesNotSuccessful;
  pendingPresses.forEach((action) => {
    summary.pressesRefused++;
    judgeAnswer(action, { accepted: false, message: 'no answer: no firmware handled the press (power off, or the firmware not running)' }, action.atMs);
  });
  running.bootFailures.forEach((text) => failures.push('the firmware did not boot ' + text));
  const finalRow = running.fillRow();
  expectations.forEach((expectation, index) => {
    if (progress[index] !== FAILED) return;
    summary.expectationsFailed++;
    let text = failureTexts[index];
    if (expectation.kind === 'throughout' && failCounts[index] > 1) text += ' (false at ' + failCounts[index] + ' evaluations in all)';
    failures.push(text);
  });
  if (directionViolations > 0) failures.push('invariant: ' + directionViolationText + (directionViolations > 1 ? ' (' + directionViolations + ' times)' : ''));
  summary.timerErrors = running.timerErrorCount();
  if (summary.timerErrors > 0) failures.push('invariant: ' + summary.timerErrors + ' error(s) thrown inside simulated timers; first: ' + running.firstTimerError());
  summary.distanceM = finalRow.beltDistanceM;
  summary.finalState = finalRow.state;
  summary.finalFault = finalRow.fault;
  summary.reboots = running.reboots;
  summary.powerLosses = running.powerLosses;
  summary.watchdogResets = running.watchdogResets;
  summary.logLines = running.logLines;
  const metrics = running.status.metrics;
  summary.sessionElapsedS = metrics.elapsedMs / 1000;
  summary.sessionDistanceForwardM = metrics.distanceForwardM;
  summary.sessionDistanceBackwardM = metrics.distanceBackwardM;
  summary.sessionElevationGainM = metrics.elevationGainM;
  summary.sessionEnergyKcal = metrics.energyKcal;
  summary.sessionAverageMet = metrics.averageMet;
  summary.sessionEnergyQuality = metrics.estimateQuality;
  summary.sessionRemainingS = metrics.remainingMs === null ? null : metrics.remainingMs / 1000;
  return { name: scenario.name, passed: failures.length === 0, failures, summary };
}
