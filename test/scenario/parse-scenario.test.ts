// Tests the scenario parser: a valid file becomes the typed form, every kind of malformed input is refused naming its path.

import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { MAX_REPORTED_PROBLEMS, parseScenario } from '../../sim/scenario/parse-scenario';

/** A minimal valid scenario with `steps` (and any top-level field overridden). */
function scenarioWith(steps: unknown[], extra?: { [key: string]: unknown }): { [key: string]: unknown } {
  return Object.assign({ name: 'test', description: 'a test', durationS: 10, steps }, extra || {});
}

/** Assert that parsing `json` throws an Error whose message starts with `path` and contains `words`. */
function assertRefused(json: unknown, path: string, words: string): void {
  assert.throws(
    () => parseScenario(json),
    (error: unknown) => {
      assert.ok(error instanceof Error, 'expected an Error');
      assert.ok(error.message.indexOf(path + ': ') === 0, 'message should start with "' + path + ': ", got: ' + error.message);
      assert.ok(error.message.indexOf(words) >= 0, 'message should contain "' + words + '", got: ' + error.message);
      return true;
    },
  );
}

describe('parseScenario', () => {
  it('turns a valid scenario into actions and expectations with times in ms', () => {
    const scenario = parseScenario(
      scenarioWith(
        [
          { atS: 0, walker: 'backward', massKg: 80 },
          { atS: 0.5, command: 'setDirection', direction: 'backward' },
          { atS: 1, command: 'start', note: 'local start' },
          { atS: 1.5, expect: { state: ['countdown', 'running'], fault: null } },
          { atS: 2, command: 'setSpeed', speedKph: 1.2, source: 'remote', expectAccepted: true },
          { atS: 2.25, press: 'speedUp' },
          { fromS: 2.5, byS: 6, within: { speedKph: 1.2, toleranceKph: 0.2, log: 'running' } },
          { fromS: 3, toS: 9, throughout: { duty: { max: 0.5 }, beltSpeedKph: { min: -2, max: 0 }, motorEnabled: true } },
          { atS: 7, pullKey: true },
          { atS: 7, fault: 'encoderNoise' },
          { atS: 8, clearFault: 'encoderNoise' },
          { atS: 8, insertKey: true },
          { atS: 9, powerLoss: true },
          { atS: 9.5, hang: true },
        ],
        { sim: { seed: 42, drive: 'hbridge', keyPresent: true, inclineSensor: 'analog', beltStartPositionM: 0.15 }, config: { countdownMs: 2000 } },
      ),
    );
    assert.equal(scenario.name, 'test');
    assert.equal(scenario.durationMs, 10000);
    assert.deepEqual(scenario.sim, { seed: 42, drive: 'hbridge', keyPresent: true, inclineSensor: 'analog', beltStartPositionM: 0.15 });
    assert.deepEqual(scenario.config, { countdownMs: 2000 });
    assert.deepEqual(
      scenario.actions.map((action) => action.kind + '@' + action.atMs),
      ['walker@0', 'command@500', 'command@1000', 'command@2000', 'press@2250', 'pullKey@7000', 'fault@7000', 'clearFault@8000', 'insertKey@8000', 'powerLoss@9000', 'hang@9500'],
    );
    assert.equal(scenario.actions[0].walkerMode, 'backward');
    assert.equal(scenario.actions[0].walkerMassKg, 80);
    assert.deepEqual(scenario.actions[1].command, { name: 'setDirection', source: 'local', direction: 'backward' });
    assert.equal(scenario.actions[2].note, 'local start');
    assert.deepEqual(scenario.actions[3].command, { name: 'setSpeed', source: 'remote', speedKph: 1.2 });
    assert.equal(scenario.actions[3].expectAccepted, true);
    assert.equal(scenario.actions[2].expectAccepted, null);
    assert.equal(scenario.actions[4].button, 'speedUp');
    assert.equal(scenario.actions[4].holdMs, 100, 'a press lasts 100 ms unless holdMs says otherwise');
    assert.equal(scenario.actions[6].simFault, 'encoderNoise');

    assert.deepEqual(
      scenario.expectations.map((expectation) => expectation.kind + ' ' + expectation.fromMs + '..' + expectation.toMs + ' #' + expectation.index),
      ['expect 1500..1500 #3', 'within 2500..6000 #6', 'throughout 3000..9000 #7'],
    );
    assert.deepEqual(scenario.expectations[0].condition.checks, [
      { key: 'state', states: ['countdown', 'running'] },
      { key: 'fault', value: null },
    ]);
    const withinChecks = scenario.expectations[1].condition.checks;
    assert.equal(withinChecks[0].key, 'speedKph');
    const speed = withinChecks[0] as { min: number; max: number };
    assert.ok(Math.abs(speed.min - 1.0) < 1e-9 && Math.abs(speed.max - 1.4) < 1e-9, 'toleranceKph widens the exact speed: ' + JSON.stringify(speed));
    assert.deepEqual(withinChecks[1], { key: 'log', text: 'running' });
    const throughoutChecks = scenario.expectations[2].condition.checks as { key: string; min?: number; max?: number }[];
    assert.equal(throughoutChecks[0].min, -Infinity);
    assert.equal(throughoutChecks[0].max, 0.5);
    assert.equal(throughoutChecks[1].min, -2);
    assert.equal(throughoutChecks[1].max, 0);
  });

  it('applies the default tolerances to exact numbers', () => {
    const scenario = parseScenario(scenarioWith([{ atS: 1, expect: { beltSpeedKph: -1.6, duty: 0, inclinePct: 5, reboots: 1 } }]));
    const checks = scenario.expectations[0].condition.checks as { key: string; min: number; max: number }[];
    const bounds = checks.map((check) => [check.key, Math.round(check.min * 1000) / 1000, Math.round(check.max * 1000) / 1000]);
    assert.deepEqual(bounds, [
      ['beltSpeedKph', -1.7, -1.5],
      ['duty', -0.001, 0.001],
      ['inclinePct', 4.5, 5.5],
      ['reboots', 1, 1],
    ]);
  });

  const malformed: { title: string; json: unknown; path: string; words: string }[] = [
    { title: 'a non-object', json: [1, 2], path: 'scenario', words: 'expected an object, got [1,2]' },
    { title: 'an unknown top-level field', json: scenarioWith([], { duration: 5 }), path: 'scenario.duration', words: 'unknown field' },
    { title: 'a missing name', json: { description: '', durationS: 1, steps: [] }, path: 'name', words: 'expected a non-empty string, got nothing' },
    { title: 'a zero duration', json: scenarioWith([], { durationS: 0 }), path: 'durationS', words: 'expected a number > 0' },
    { title: 'a duration given as text', json: scenarioWith([], { durationS: '10' }), path: 'durationS', words: 'got "10"' },
    { title: 'steps that are not an array', json: scenarioWith({} as unknown as unknown[]), path: 'steps', words: 'expected an array' },
    { title: 'a time that is not a number', json: scenarioWith([{ atS: 0, pullKey: true }, { atS: 1, pullKey: true }, { atS: 2, pullKey: true }, { atS: 'abc', pullKey: true }]), path: 'steps[3].atS', words: 'expected a number >= 0, got "abc"' },
    { title: 'a negative time', json: scenarioWith([{ atS: -1, hang: true }]), path: 'steps[0].atS', words: 'expected a number >= 0, got -1' },
    { title: 'a missing time', json: scenarioWith([{ hang: true }]), path: 'steps[0].atS', words: 'missing' },
    { title: 'a time beyond durationS', json: scenarioWith([{ atS: 11, hang: true }]), path: 'steps[0].atS', words: 'beyond durationS (10 s)' },
    { title: 'a window ending beyond durationS', json: scenarioWith([{ fromS: 1, toS: 12, throughout: { state: 'idle' } }]), path: 'steps[0].toS', words: 'beyond durationS' },
    { title: 'actions out of time order', json: scenarioWith([{ atS: 5, hang: true }, { atS: 6, expect: { state: 'idle' } }, { atS: 3, pullKey: true }]), path: 'steps[2].atS', words: 'comes before the action at steps[0] (5 s)' },
    { title: 'a window that ends before it starts', json: scenarioWith([{ fromS: 5, byS: 4, within: { state: 'idle' } }]), path: 'steps[0].byS', words: 'before fromS' },
    { title: 'a step without an action', json: scenarioWith([{ atS: 1 }]), path: 'steps[0]', words: 'unknown action' },
    { title: 'an unknown action key', json: scenarioWith([{ atS: 1, jump: true }]), path: 'steps[0]', words: 'unknown action' },
    { title: 'two actions in one step', json: scenarioWith([{ atS: 1, pullKey: true, hang: true }]), path: 'steps[0]', words: 'has both "pullKey" and "hang"' },
    { title: 'an unknown field in a step', json: scenarioWith([{ atS: 1, press: 'start', holdMS: 100 }]), path: 'steps[0].holdMS', words: 'unknown field; expected one of atS, press, holdMs, expectAccepted, note' },
    { title: 'an unknown command', json: scenarioWith([{ atS: 1, command: 'fly' }]), path: 'steps[0].command', words: 'unknown command "fly"' },
    { title: 'an unknown command source', json: scenarioWith([{ atS: 1, command: 'start', source: 'app' }]), path: 'steps[0].source', words: 'unknown command source "app"' },
    { title: 'a command missing its argument', json: scenarioWith([{ atS: 1, command: 'setSpeed' }]), path: 'steps[0].speedKph', words: 'command "setSpeed" needs it' },
    { title: 'an argument the command does not use', json: scenarioWith([{ atS: 1, command: 'stop', speedKph: 3 }]), path: 'steps[0].speedKph', words: 'not used by command "stop"' },
    { title: 'a bad direction', json: scenarioWith([{ atS: 1, command: 'setDirection', direction: 'reverse' }]), path: 'steps[0].direction', words: 'unknown direction "reverse"' },
    { title: 'an unknown button', json: scenarioWith([{ atS: 1, press: 'turbo' }]), path: 'steps[0].press', words: 'unknown button "turbo"' },
    { title: 'a hold time of zero', json: scenarioWith([{ atS: 1, press: 'start', holdMs: 0 }]), path: 'steps[0].holdMs', words: 'expected a number in 1..60000' },
    { title: 'an unknown sim fault', json: scenarioWith([{ atS: 1, fault: 'meteor' }]), path: 'steps[0].fault', words: 'unknown sim fault "meteor"' },
    { title: 'an unknown sim fault to clear', json: scenarioWith([{ atS: 1, clearFault: 'keyRemoved' }]), path: 'steps[0].clearFault', words: 'unknown sim fault "keyRemoved"' },
    { title: 'an unknown walker mode', json: scenarioWith([{ atS: 1, walker: 'run' }]), path: 'steps[0].walker', words: 'unknown walker mode "run"' },
    { title: 'an argument-less action with an argument', json: scenarioWith([{ atS: 1, pullKey: 'now' }]), path: 'steps[0].pullKey', words: 'expected true' },
    { title: 'an expectation that is not an object', json: scenarioWith([{ atS: 1, expect: 'running' }]), path: 'steps[0].expect', words: 'expected an object' },
    { title: 'an empty condition', json: scenarioWith([{ atS: 1, expect: {} }]), path: 'steps[0].expect', words: 'at least one check' },
    { title: 'an unknown condition field', json: scenarioWith([{ atS: 1, expect: { speed: 3 } }]), path: 'steps[0].expect.speed', words: 'unknown field' },
    { title: 'an unknown state', json: scenarioWith([{ atS: 1, expect: { state: 'runing' } }]), path: 'steps[0].expect.state', words: 'unknown state "runing"' },
    { title: 'an unknown state in a list', json: scenarioWith([{ atS: 1, expect: { state: ['idle', 'offline'] } }]), path: 'steps[0].expect.state[1]', words: 'unknown state "offline"' },
    { title: 'an unknown fault code', json: scenarioWith([{ atS: 1, expect: { fault: 'keyPulled' } }]), path: 'steps[0].expect.fault', words: 'unknown fault code (or null) "keyPulled"' },
    { title: 'a speed given as text', json: scenarioWith([{ atS: 1, expect: { speedKph: 'fast' } }]), path: 'steps[0].expect.speedKph', words: 'expected a number or {"min": n, "max": n}' },
    { title: 'a range without bounds', json: scenarioWith([{ atS: 1, expect: { duty: {} } }]), path: 'steps[0].expect.duty', words: 'needs "min", "max" or both' },
    { title: 'a range with an unknown bound', json: scenarioWith([{ atS: 1, expect: { duty: { below: 1 } } }]), path: 'steps[0].expect.duty.below', words: 'unknown field' },
    { title: 'an inverted range', json: scenarioWith([{ atS: 1, expect: { duty: { min: 0.5, max: 0.1 } } }]), path: 'steps[0].expect.duty', words: 'min 0.5 is above max 0.1' },
    { title: 'a tolerance with nothing to apply to', json: scenarioWith([{ atS: 1, expect: { state: 'idle', toleranceKph: 0.2 } }]), path: 'steps[0].expect.toleranceKph', words: 'no exact speed' },
    { title: 'a boolean given as text', json: scenarioWith([{ atS: 1, expect: { motorEnabled: 'no' } }]), path: 'steps[0].expect.motorEnabled', words: 'expected true or false, got "no"' },
    { title: 'a log check held throughout', json: scenarioWith([{ fromS: 1, toS: 2, throughout: { log: 'x' } }]), path: 'steps[0].throughout.log', words: 'use it in "expect" or "within"' },
    { title: 'an expect with a window field', json: scenarioWith([{ atS: 1, byS: 2, expect: { state: 'idle' } }]), path: 'steps[0].byS', words: 'unknown field' },
    { title: 'a within without byS', json: scenarioWith([{ fromS: 1, within: { state: 'idle' } }]), path: 'steps[0].byS', words: 'missing' },
    { title: 'an unknown sim option', json: scenarioWith([], { sim: { gravity: 9.8 } }), path: 'sim.gravity', words: 'unknown field' },
    { title: 'a bad sim drive', json: scenarioWith([], { sim: { drive: 'steam' } }), path: 'sim.drive', words: 'unknown drive "steam"' },
    { title: 'an unknown incline sensor', json: scenarioWith([], { sim: { inclineSensor: 'laser' } }), path: 'sim.inclineSensor', words: 'unknown incline sensor "laser"' },
    { title: 'a fractional seed', json: scenarioWith([], { sim: { seed: 1.5 } }), path: 'sim.seed', words: 'expected an integer' },
    { title: 'a negative belt start position', json: scenarioWith([], { sim: { beltStartPositionM: -0.1 } }), path: 'sim.beltStartPositionM', words: 'expected a number >= 0' },
    { title: 'a config that is not an object', json: scenarioWith([], { config: [] }), path: 'config', words: 'expected an object, got []' },
    { title: 'an empty note', json: scenarioWith([{ atS: 1, hang: true, note: '' }]), path: 'steps[0].note', words: 'non-empty string' },
    { title: 'storage that is not an object', json: scenarioWith([], { storage: ['rt.settings.a'] }), path: 'storage', words: 'expected an object' },
    { title: 'a storage file name too long for the device', json: scenarioWith([], { storage: { 'rt.p.a-program-name-far-too-long': 'x' } }), path: 'storage["rt.p.a-program-name-far-too-long"]', words: 'needs 1..28 characters, got 32' },
    { title: 'an empty storage file name', json: scenarioWith([], { storage: { '': 'x' } }), path: 'storage[""]', words: 'needs 1..28 characters' },
    { title: 'a preset storage file of null', json: scenarioWith([], { storage: { 'rt.calib.a': null } }), path: 'storage["rt.calib.a"]', words: 'null (erase) is for writeStorage' },
    { title: 'a writeStorage without files', json: scenarioWith([{ atS: 1, writeStorage: {} }]), path: 'steps[0].writeStorage', words: 'at least one file' },
    { title: 'a writeStorage of text', json: scenarioWith([{ atS: 1, writeStorage: 'rt.calib.a' }]), path: 'steps[0].writeStorage', words: 'expected an object' },
    { title: 'a negative power-off time', json: scenarioWith([{ atS: 1, powerLoss: true, offS: -1 }]), path: 'steps[0].offS', words: 'expected a number in 0..86400' },
    { title: 'a power loss written as an object', json: scenarioWith([{ atS: 1, powerLoss: { offS: 2 } }]), path: 'steps[0].powerLoss', words: 'the time off goes beside it' },
    { title: 'offS on another action', json: scenarioWith([{ atS: 1, hang: true, offS: 1 }]), path: 'steps[0].offS', words: 'unknown field' },
    { title: 'a bounce count on encoder noise', json: scenarioWith([{ atS: 1, fault: 'encoderNoise', bounces: 3 }]), path: 'steps[0].bounces', words: 'belongs to fault "keyBounce", not "encoderNoise"' },
    { title: 'a noise rate on key bounce', json: scenarioWith([{ atS: 1, fault: 'keyBounce', rateHz: 3 }]), path: 'steps[0].rateHz', words: 'belongs to fault "encoderNoise", not "keyBounce"' },
    { title: 'a fractional bounce count', json: scenarioWith([{ atS: 1, fault: 'keyBounce', bounces: 2.5 }]), path: 'steps[0].bounces', words: 'whole number' },
    { title: 'a zero bounce span', json: scenarioWith([{ atS: 1, fault: 'keyBounce', bounceMs: 0 }]), path: 'steps[0].bounceMs', words: 'expected a number > 0' },
    { title: 'a glitch probability above 1', json: scenarioWith([{ atS: 1, fault: 'encoderNoise', glitchProbability: 1.5 }]), path: 'steps[0].glitchProbability', words: 'in 0..1' },
    { title: 'fault settings on clearFault', json: scenarioWith([{ atS: 1, clearFault: 'keyBounce', bounces: 2 }]), path: 'steps[0].bounces', words: 'unknown field' },
    { title: 'expectAccepted that is not a boolean on a press', json: scenarioWith([{ atS: 1, press: 'start', expectAccepted: 'no' }]), path: 'steps[0].expectAccepted', words: 'expected true or false' },
    { title: 'expectAccepted on a key pull', json: scenarioWith([{ atS: 1, pullKey: true, expectAccepted: true }]), path: 'steps[0].expectAccepted', words: 'unknown field' },
    { title: 'powered that is not a boolean', json: scenarioWith([{ atS: 1, expect: { powered: 1 } }]), path: 'steps[0].expect.powered', words: 'expected true or false' },
  ];

  malformed.forEach((item) => {
    it('refuses ' + item.title + ', naming ' + item.path, () => {
      assertRefused(item.json, item.path, item.words);
    });
  });

  it('reads the storage preset, storage writes, power-off times, fault settings, presses with expectAccepted and the off state', () => {
    const scenario = parseScenario(
      scenarioWith(
        [
          { atS: 1, press: 'start', expectAccepted: false },
          { atS: 2, fault: 'keyBounce', bounces: 6, bounceMs: 25 },
          { atS: 2, fault: 'encoderNoise', rateHz: 300 },
          { atS: 3, writeStorage: { 'rt.calib.b': '{"format":1,"seq', 'rt.session': null } },
          { atS: 3, powerLoss: true, offS: 1.5 },
          { atS: 4, powerLoss: true },
          { fromS: 3, toS: 4.4, throughout: { state: 'off', powered: false } },
        ],
        { storage: { 'rt.settings.a': '{"format":1,"sequence":4,"units":"mph","forw', 'rt.calib.a': { format: 2, metersPerPulse: 0.1 }, 'rt.session': 1 } },
      ),
    );
    assert.deepEqual(scenario.storage, [
      { name: 'rt.settings.a', text: '{"format":1,"sequence":4,"units":"mph","forw' },
      { name: 'rt.calib.a', text: '{"format":2,"metersPerPulse":0.1}' },
      { name: 'rt.session', text: '1' },
    ]);
    assert.equal(scenario.actions[0].expectAccepted, false);
    assert.deepEqual(scenario.actions[1].faultSettings, { bounces: 6, bounceMs: 25 });
    assert.deepEqual(scenario.actions[2].faultSettings, { rateHz: 300 });
    assert.deepEqual(scenario.actions[3].storageWrites, [
      { name: 'rt.calib.b', text: '{"format":1,"seq' },
      { name: 'rt.session', text: null },
    ]);
    assert.equal(scenario.actions[4].offMs, 1500);
    assert.equal(scenario.actions[5].offMs, 0, 'power returns at once unless offS says otherwise');
    assert.deepEqual(scenario.expectations[0].condition.checks, [
      { key: 'state', states: ['off'] },
      { key: 'powered', value: false },
    ]);
  });

  it('reports every problem at once, one line each, in file order', () => {
    assert.throws(
      () =>
        parseScenario({
          name: 'x',
          description: 3,
          durationS: 10,
          extra: true,
          sim: { seed: -1, walkerMode: 'walking', footfallHz: 2 },
          storage: { '': 'a', 'rt.ok': 'fine' },
          steps: [{ atS: 1, command: 'start' }, { atS: 2, press: 'jump' }, { atS: 1.5, pullKey: true }, { fromS: 3, byS: 2, within: { state: 'idle' } }, { atS: 4, expect: {} }],
        }),
      (error: unknown) => {
        const problems = (error as Error & { problems: string[] }).problems;
        assert.deepEqual(
          problems.map((line) => line.split(': ')[0]),
          ['scenario.extra', 'description', 'sim.seed', 'sim.walkerMode', 'storage[""]', 'steps[1].press', 'steps[2].atS', 'steps[3].byS', 'steps[4].expect'],
        );
        assert.equal((error as Error).message, problems.join('\n'));
        assert.match(problems[6], /comes before the action at steps\[1\] \(2 s\)/);
        return true;
      },
    );
  });

  it('stops listing problems at the limit and says how many more there are', () => {
    const steps: unknown[] = [];
    for (let index = 0; index < 30; index++) steps.push({ atS: 1, press: 'nothing' });
    assert.throws(
      () => parseScenario(scenarioWith(steps)),
      (error: unknown) => {
        const problems = (error as Error & { problems: string[] }).problems;
        assert.equal(problems.length, MAX_REPORTED_PROBLEMS + 1);
        assert.equal(problems[MAX_REPORTED_PROBLEMS - 1].split(':')[0], 'steps[' + (MAX_REPORTED_PROBLEMS - 1) + '].press');
        assert.equal(problems[MAX_REPORTED_PROBLEMS], '... and ' + (30 - MAX_REPORTED_PROBLEMS) + ' more problem(s) not shown');
        return true;
      },
    );
  });

  it('refuses the malformed fixture file', () => {
    const fixture: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'malformed-scenario.json'), 'utf8'));
    assertRefused(fixture, 'steps[2].atS', 'expected a number >= 0, got "soon"');
  });
});
