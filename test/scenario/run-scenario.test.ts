// Tests the scenario runner with a fake treadmill and firmware: each expectation kind, trace sampling, reboots and invariants.

import { strict as assert } from 'assert';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { runScenario, type RunScenarioOptions, type ScenarioResult } from '../../sim/scenario/run-scenario';
import type { TraceRow } from '../../sim/scenario/trace-row';
import { bootFakeFirmware, FAKE_CONTROL_PERIOD_MS, FAKE_SIM_OPTIONS, makeFakeSimFactory, type FakeSim } from './fake-treadmill';

interface Run {
  result: ScenarioResult;
  sims: FakeSim[];
  events: string[];
  logLines: string[];
}

/** Parse and run a scenario on the fakes; `steps` and top-level extras as in a file. */
function run(durationS: number, steps: unknown[], extra?: { [key: string]: unknown }, options?: RunScenarioOptions): Run {
  const factory = makeFakeSimFactory();
  const events: string[] = [];
  const logLines: string[] = [];
  const scenario = parseScenario(Object.assign({ name: 'fake run', description: '', durationS, steps }, extra || {}));
  const settings: RunScenarioOptions = Object.assign(
    {
      createSim: factory.create,
      defaultSimOptions: FAKE_SIM_OPTIONS,
      // The fake's own period (it ticks at it too), beneath the scenario's config, as a composition root passes a board's.
      defaultConfig: { controlPeriodMs: FAKE_CONTROL_PERIOD_MS },
      onEvent: (timeS: number, text: string) => events.push(timeS.toFixed(2) + ' ' + text),
      onLogLine: (timeS: number, level: string, message: string) => logLines.push(timeS.toFixed(2) + ' ' + level + ' ' + message),
    },
    options || {},
  );
  const result = runScenario(scenario, bootFakeFirmware, settings);
  return { result, sims: factory.sims, events, logLines };
}

/** The fake belt takes (speed / 2 km/h per s) to reach a speed from rest. */
const START_AND_SPEED = [
  { atS: 1, command: 'start' },
  { atS: 1, command: 'setSpeed', speedKph: 2 },
];

describe('runScenario (with a fake treadmill and firmware)', () => {
  describe('expect (one instant)', () => {
    it('passes when the condition holds at that time', () => {
      const { result } = run(3, [{ atS: 0.5, expect: { state: 'idle', duty: 0, motorEnabled: false, keyPresent: true } }, ...START_AND_SPEED, { atS: 2.5, expect: { state: 'running', targetKph: 2, duty: 0.1 } }]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.passed, true);
      assert.equal(result.summary.expectations, 2);
      assert.equal(result.summary.expectationsFailed, 0);
    });

    it('fails naming the step, the time, the expected and the actual value', () => {
      const { result } = run(3, [...START_AND_SPEED, { atS: 2, expect: { state: 'idle', beltSpeedKph: 3 }, note: 'belt up to speed' }]);
      assert.equal(result.passed, false);
      assert.equal(result.failures.length, 1);
      // Nearly one second at 2 km/h per second (the drive starts at the first tick after the command).
      assert.match(result.failures[0], /^steps\[2\] expect at 2\.00 s \("belt up to speed"\): state: expected idle, got running; beltSpeedKph: expected 3 ± 0\.1 km\/h, got 1\.96$/);
      assert.equal(result.summary.expectationsFailed, 1);
    });

    it('sees the state before the actions of the same instant', () => {
      const { result } = run(2, [{ atS: 1, expect: { state: 'idle' } }, { atS: 1, command: 'start' }, { atS: 1.02, expect: { state: 'running' } }]);
      assert.deepEqual(result.failures, []);
    });
  });

  describe('within (becomes true in a window)', () => {
    it('passes when the condition becomes true inside the window', () => {
      const { result } = run(5, [...START_AND_SPEED, { fromS: 1, byS: 3, within: { beltSpeedKph: 2, toleranceKph: 0.01 } }]);
      assert.deepEqual(result.failures, []);
    });

    it('fails when the condition is never true in the window, with the value at its end', () => {
      const { result } = run(5, [...START_AND_SPEED, { fromS: 1, byS: 1.5, within: { beltSpeedKph: 2, toleranceKph: 0.01 } }]);
      assert.equal(result.passed, false);
      assert.match(result.failures[0], /^steps\[2\] within 1\.00\.\.1\.50 s: never true; at 1\.50 s beltSpeedKph: expected 2 ± 0\.01 km\/h, got 0\.96$/);
    });

    it('does not count a true condition before the window opens', () => {
      const { result } = run(5, [{ fromS: 2, byS: 3, within: { state: 'running' } }, { atS: 3.5, command: 'start' }]);
      assert.equal(result.passed, false);
      assert.match(result.failures[0], /never true; at 3\.00 s state: expected running, got idle/);
    });

    it('matches log lines written inside the window only', () => {
      const steps = [{ atS: 1, pullKey: true }, { fromS: 1, byS: 1.1, within: { log: 'key removed', fault: 'keyRemoved' } }, { fromS: 1.5, byS: 2, within: { log: 'key removed' } }];
      const { result, logLines } = run(3, steps);
      assert.ok(logLines.some((line) => line === '1.00 warn key removed'), 'the log callback saw the line: ' + logLines.join(' | '));
      assert.equal(result.failures.length, 1, result.failures.join('\n'));
      assert.match(result.failures[0], /^steps\[2\] within 1\.50\.\.2\.00 s: never true; at 2\.00 s log: no line containing "key removed"$/);
    });
  });

  describe('throughout (true at every tick of a window)', () => {
    it('passes when the condition holds at every evaluation', () => {
      const { result } = run(4, [...START_AND_SPEED, { fromS: 1.02, toS: 4, throughout: { state: 'running', motorEnabled: true, duty: { min: 0.03, max: 0.1 } } }]);
      assert.deepEqual(result.failures, []);
    });

    it('fails at the first false tick and counts the others', () => {
      const { result } = run(3, [{ fromS: 0, toS: 2, throughout: { state: 'idle' } }, { atS: 1, command: 'start' }]);
      assert.equal(result.passed, false);
      // Ticks every 20 ms after the start at 1.00 s: 1.02 .. 2.00 is 50 evaluations.
      assert.equal(result.failures[0], 'steps[0] throughout 0.00..2.00 s: false at 1.02 s: state: expected idle, got running (false at 50 evaluations in all)');
    });

    it('evaluates at the window ends even between control ticks', () => {
      const { result } = run(2, [{ atS: 1, command: 'start' }, { fromS: 1.005, toS: 1.005, throughout: { state: 'idle' } }]);
      assert.equal(result.failures.length, 1);
      assert.match(result.failures[0], /false at 1\.005 s: state: expected idle, got running$/);
    });
  });

  describe('commands', () => {
    it('reports a command whose acceptance differs from expectAccepted', () => {
      const { result, events } = run(2, [
        { atS: 0.5, command: 'start', source: 'remote', expectAccepted: true, note: 'remote start' },
        { atS: 1, command: 'start', expectAccepted: true },
      ]);
      assert.deepEqual(result.failures, ['steps[0] command start (remote) at 0.50 s: expected accepted, got refused ("cannot start") ("remote start")']);
      assert.equal(result.summary.commands, 2);
      assert.equal(result.summary.commandsRefused, 1);
      assert.ok(events.indexOf('0.50 refused: cannot start') >= 0, events.join(' | '));
    });

    it('hands presses, walker changes and sim faults (with their settings) to the treadmill', () => {
      const { sims } = run(2, [
        { atS: 0.1, press: 'speedUp', holdMs: 250, expectAccepted: false },
        { atS: 0.2, walker: 'push', massKg: 90 },
        { atS: 0.3, walker: 'forward' },
        { atS: 0.4, fault: 'beltJammed' },
        { atS: 0.5, fault: 'encoderNoise', rateHz: 40, glitchProbability: 0.1 },
        { atS: 0.55, fault: 'keyBounce', bounces: 7, bounceMs: 30 },
        { atS: 0.6, clearFault: 'beltJammed' },
      ]);
      assert.deepEqual(sims[0].presses, ['speedUp:250']);
      assert.deepEqual(sims[0].walkerCalls, ['push:90', 'forward:90'], 'a walker step without massKg keeps the mass');
      assert.deepEqual(sims[0].faults, ['encoderNoise', 'keyBounce']);
      assert.deepEqual(sims[0].faultSettings, ['beltJammed:{}', 'encoderNoise:{"rateHz":40,"glitchProbability":0.1}', 'keyBounce:{"bounces":7,"bounceMs":30}']);
    });

    it('fails on a refusal the step did not expect, naming the command and the firmware\'s answer', () => {
      const { result } = run(2, [{ atS: 0.5, command: 'start', source: 'remote', note: 'app start' }]);
      assert.equal(result.passed, false);
      assert.deepEqual(result.failures, ['steps[0] command start (remote) at 0.50 s: refused ("cannot start") ("app start"); a refusal fails the scenario unless the step says "expectAccepted": false']);
      assert.equal(result.summary.commandsRefused, 1);
    });

    it('passes a refusal the step expects with expectAccepted: false', () => {
      const { result } = run(2, [{ atS: 0.5, command: 'start', source: 'remote', expectAccepted: false }]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.passed, true);
      assert.equal(result.summary.commandsRefused, 1);
    });
  });

  describe('button presses', () => {
    it('counts presses and shows their answers like commands\'', () => {
      const { result, events } = run(2, [{ atS: 0.5, press: 'start' }, { atS: 1.5, press: 'stop', holdMs: 50 }]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.presses, 2);
      assert.equal(result.summary.pressesRefused, 0);
      assert.ok(events.indexOf('0.50 press start: accepted: started') >= 0, events.join(' | '));
      assert.ok(events.indexOf('1.50 press stop: accepted: stopped') >= 0, events.join(' | '));
    });

    it('fails on a refused press unless the step expects it, naming the answer', () => {
      const { result, events } = run(2, [
        { atS: 0.5, press: 'start' },
        { atS: 1, press: 'start', note: 'again while running' },
        { atS: 1.5, press: 'start', expectAccepted: false },
      ]);
      assert.deepEqual(result.failures, ['steps[1] press start for 100 ms at 1.00 s: refused ("cannot start") ("again while running"); a refusal fails the scenario unless the step says "expectAccepted": false']);
      assert.equal(result.summary.pressesRefused, 2);
      assert.ok(events.indexOf('1.00 press start: refused: cannot start') >= 0, events.join(' | '));
    });

    it('fails a press expected refused that the firmware accepts', () => {
      const { result } = run(2, [{ atS: 0.5, press: 'start', expectAccepted: false }]);
      assert.deepEqual(result.failures, ['steps[0] press start for 100 ms at 0.50 s: expected refused, got accepted ("started")']);
    });

    it('judges a press at the very end of the run', () => {
      const { result } = run(1, [{ atS: 1, press: 'start' }]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.presses, 1);
    });

    it('a press on a button the machine lacks gets no answer: a failure', () => {
      const { result } = run(1, [{ atS: 0.5, press: 'inclineUp' }]);
      assert.equal(result.failures.length, 1);
      assert.match(result.failures[0], /^steps\[0\] press inclineUp for 100 ms at 0\.50 s: refused \("no answer/);
    });
  });

  describe('storage', () => {
    it('writes the preset files before the firmware boots', () => {
      const { result, sims } = run(1, [{ atS: 0, expect: { log: 'boot: marker found' } }], { storage: { 'fake.marker': 'garbage', 'fake.other': { format: 1 } } });
      assert.deepEqual(result.failures, []);
      assert.equal(sims[0].storage.read('fake.other'), '{"format":1}', 'a JSON value is stored as its text');
    });

    it('writes and erases files mid-run', () => {
      const { result, sims, events } = run(3, [
        { atS: 1, writeStorage: { 'fake.a': 'cut sho', 'fake.marker': null } },
        { atS: 2, powerLoss: true },
        { fromS: 2, byS: 2.1, within: { log: 'boot: marker found' } },
      ], { storage: { 'fake.marker': '1' } });
      assert.equal(result.failures.length, 1, 'the erased marker is not found at the reboot: ' + result.failures.join(' | '));
      assert.equal(sims[0].storage.read('fake.a'), 'cut sho');
      assert.equal(sims[0].storage.read('fake.marker'), undefined);
      assert.ok(events.indexOf('1.00 writeStorage fake.a (7 characters), fake.marker (erase)') >= 0, events.join(' | '));
    });

    it('a boot that throws on the stored data is a failure of the run, not of the file', () => {
      const { result } = run(2, [{ fromS: 0, toS: 2, throughout: { state: 'off', duty: 0, motorEnabled: false } }, { atS: 1, command: 'start', expectAccepted: false }], { storage: { 'fake.crash': '\u00ff' } });
      assert.equal(result.passed, false);
      assert.deepEqual(result.failures, ['the firmware did not boot at 0.000 s: fake: cannot parse fake.crash']);
    });

    it('a boot that throws after a power loss is a failure, and the board stays without firmware', () => {
      const { result } = run(3, [
        { atS: 1, writeStorage: { 'fake.crash': 'x' } },
        { atS: 1, powerLoss: true },
        { fromS: 1.001, toS: 3, throughout: { state: 'off', powered: true, reboots: 1 } },
      ]);
      assert.deepEqual(result.failures, ['the firmware did not boot at 1.000 s: fake: cannot parse fake.crash']);
    });

    it('still throws for a configuration the firmware refuses, with storage preset', () => {
      assert.throws(() => run(1, [], { config: { wheels: 3 }, storage: { 'fake.crash': 'x' } }), /the firmware did not boot: config: unknown setting "wheels"$/);
    });
  });

  describe('trace', () => {
    it('emits one reused row per control tick with firmware and truth columns', () => {
      const rows: string[] = [];
      const objects: TraceRow[] = [];
      run(1, [{ atS: 0.5, command: 'start' }], {}, {
        onTraceRow: (row: TraceRow) => {
          if (objects.indexOf(row) < 0) objects.push(row);
          rows.push(row.timeS.toFixed(2) + ' ' + row.state + ' ' + row.targetKph + ' ' + row.duty.toFixed(2) + ' ' + row.motorEnabled);
        },
      });
      assert.equal(rows.length, 50, 'one row per 20 ms tick over 1 s');
      assert.equal(objects.length, 1, 'the same row object every time');
      assert.equal(rows[0], '0.02 idle 0 0.00 false');
      assert.equal(rows[25], '0.52 running 0.8 0.04 true');
    });

    it('thins the trace to traceEveryMs and samples at the configured control period', () => {
      const times: number[] = [];
      const { result } = run(1, [], { config: { controlPeriodMs: 10 } }, { traceEveryMs: 100, onTraceRow: (row: TraceRow) => times.push(Math.round(row.timeS * 1000)) });
      assert.deepEqual(times, [10, 110, 210, 310, 410, 510, 610, 710, 810, 910]);
      assert.equal(result.summary.controlTicks, 100);
      assert.equal(result.summary.traceRows, 10);
    });
  });

  describe('reboots', () => {
    it('power loss keeps the treadmill: the belt coasts unpowered, storage, key and walker stay, the firmware boots again', () => {
      const { result, sims, logLines } = run(6, [
        { atS: 0, walker: 'backward', massKg: 60 },
        ...START_AND_SPEED,
        { atS: 2, pullKey: true },
        { atS: 3, powerLoss: true },
        { atS: 3.02, expect: { state: 'idle', reboots: 1, keyPresent: false, fault: null, powered: true } },
        { atS: 3.5, insertKey: true },
        { atS: 4, expect: { keyPresent: true } },
      ]);
      assert.deepEqual(result.failures, []);
      assert.equal(sims.length, 1, 'the same treadmill: the world carries on');
      assert.deepEqual(sims[0].walkerCalls, ['backward:60'], 'the walker was never reset');
      assert.equal(sims[0].storage.read('fake.marker'), '1', 'storage survived');
      assert.ok(logLines.indexOf('3.00 warn boot: marker found') >= 0, 'the new firmware found the record: ' + logLines.join(' | '));
      assert.equal(result.summary.powerLosses, 1);
      assert.equal(result.summary.reboots, 1);
      assert.deepEqual(result.summary.faultsSeen, ['keyRemoved']);
    });

    it('power loss with offS: state off and no power for that long while the belt coasts, then a boot into the moving belt', () => {
      const { result, events } = run(6, [
        ...START_AND_SPEED,
        { atS: 3, powerLoss: true, offS: 0.5 },
        { fromS: 3, byS: 3.001, within: { state: 'off', powered: false, duty: 0, motorEnabled: false, reboots: 0 } },
        // The fake belt slows at 2 km/h per s without drive: 2 km/h at 3 s, 1 km/h at 3.5 s.
        { atS: 3.3, expect: { state: 'off', beltSpeedKph: 1.4, toleranceKph: 0.05, speedKph: 0, targetKph: 0 } },
        { fromS: 3.501, byS: 3.502, within: { state: 'idle', powered: true, reboots: 1, beltSpeedKph: 1, toleranceKph: 0.05 } },
        { atS: 6, expect: { beltSpeedKph: 0 } },
      ]);
      assert.deepEqual(result.failures, []);
      assert.ok(events.indexOf('3.00 power lost for 500 ms: belt coasting at 2 km/h') >= 0, events.join(' | '));
      assert.ok(events.indexOf('3.50 power restored: firmware booting, belt at 1 km/h') >= 0, events.join(' | '));
      assert.equal(result.summary.powerLosses, 1);
    });

    it('commands and presses while the power is off get no answer: a failure unless refused is expected', () => {
      const { result } = run(4, [
        { atS: 1, powerLoss: true, offS: 2 },
        { atS: 1.5, command: 'start', expectAccepted: false },
        { atS: 1.6, command: 'stop' },
        { atS: 1.7, press: 'start' },
      ]);
      assert.deepEqual(result.failures, [
        'steps[2] command stop (local) at 1.60 s: refused ("power off: command lost"); a refusal fails the scenario unless the step says "expectAccepted": false',
        'steps[3] press start for 100 ms at 1.70 s: refused ("no answer: no firmware handled the press (power off, or the firmware not running)"); a refusal fails the scenario unless the step says "expectAccepted": false',
      ]);
      assert.equal(result.summary.pressesRefused, 1);
    });

    it('a hang keeps the outputs as they were until the watchdog resets the board', () => {
      const { result, events } = run(5, [
        ...START_AND_SPEED,
        { atS: 2.5, hang: true },
        { atS: 2.5, command: 'stop', expectAccepted: false, note: 'a hung loop hears nothing' },
        { fromS: 2.52, toS: 3.48, throughout: { duty: 0.1, motorEnabled: true, reboots: 0 } },
        { fromS: 3.4, byS: 3.6, within: { reboots: 1, duty: 0, motorEnabled: false, state: 'idle' } },
        { atS: 5, expect: { beltSpeedKph: 0, reboots: 1 } },
      ]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.watchdogResets, 1);
      assert.ok(events.some((event) => event.indexOf('watchdog reset') >= 0), events.join(' | '));
    });
  });

  describe('invariants and summary', () => {
    it('flags a direction switch under a moving belt', () => {
      const { result } = run(4, [...START_AND_SPEED, { atS: 2, command: 'setDirection', direction: 'backward' }], { config: { bugSwitchDirectionWhileRunning: true } });
      assert.equal(result.passed, false);
      assert.match(result.failures[0], /^invariant: direction output switched to backward at 2\.00 s with duty 0\.1, motor enabled, belt at 1\.\d+ km\/h$/);
      assert.equal(result.summary.directionChanges, 1);
    });

    it('measures the standstill dwell before a legitimate direction switch', () => {
      const { result } = run(8, [
        ...START_AND_SPEED,
        { atS: 3, command: 'stop' },
        { atS: 6, command: 'setDirection', direction: 'backward' },
        { atS: 6, command: 'start' },
        { atS: 6, command: 'setSpeed', speedKph: 1 },
        { atS: 8, expect: { beltSpeedKph: -1, directionOutput: 'backward', direction: 'backward' } },
      ]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.directionChanges, 1);
      // Stopped at 3 s from 2 km/h at 2 km/h per s: still from 4.0 s (first slow sample), switched at 6.0 s.
      assert.ok(result.summary.minDirectionDwellS !== null && Math.abs(result.summary.minDirectionDwellS - 2.0) <= 0.021, 'dwell ' + result.summary.minDirectionDwellS);
      assert.ok(Math.abs(result.summary.maxBackwardSpeedKph - 1) < 0.01, 'backward speed ' + result.summary.maxBackwardSpeedKph);
      assert.ok(Math.abs(result.summary.maxSpeedKph - 2) < 0.01);
    });

    it('reports errors thrown inside timers as a failure', () => {
      const { result } = run(1, [], { config: { bugThrowInTickAtMs: 500 } });
      assert.equal(result.passed, false);
      assert.deepEqual(result.failures, ['invariant: 1 error(s) thrown inside simulated timers; first: fake tick bug']);
      assert.equal(result.summary.timerErrors, 1);
    });

    it('sums true belt travel over both directions', () => {
      const { result } = run(10, [...START_AND_SPEED, { atS: 6, command: 'stop' }]);
      // 1 s ramp to 2 km/h, 4 s at 2 km/h, 1 s ramp down: 5 s x 2 km/h = 2.78 m.
      assert.ok(Math.abs(result.summary.distanceM - 2.7778) < 0.02, 'distance ' + result.summary.distanceM);
      assert.equal(result.summary.finalState, 'idle');
      assert.equal(result.summary.durationS, 10);
      assert.equal(result.summary.seed, FAKE_SIM_OPTIONS.seed);
    });

    it('throws when the firmware refuses the config, naming the scenario', () => {
      assert.throws(() => run(1, [], { config: { wheels: 3 } }), /^Error: scenario "fake run": the firmware did not boot: config: unknown setting "wheels"$/);
    });

    it('is deterministic: the same scenario gives the same trace', () => {
      const traces: string[] = [];
      [0, 1].forEach(() => {
        let text = '';
        run(3, [...START_AND_SPEED, { atS: 2, pullKey: true }], {}, { onTraceRow: (row: TraceRow) => (text += row.beltKph + ',' + row.state + ';') });
        traces.push(text);
      });
      assert.equal(traces[0], traces[1]);
      assert.ok(traces[0].length > 1000);
    });
  });
});
