// Tests the command-line front ends as a user runs them: exit statuses, messages naming the file, and the CSV trace.

import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BOARD_TIMING } from '../../hal/espruino/boards/board-timing';
import { boardTimingLabel, DEFAULT_BOARD } from '../../sim/cli/board-timing-options';
import { TRACE_CSV_HEADER } from '../../sim/scenario/trace-csv';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const RUN_SCENARIO = join(ROOT, 'sim', 'cli', 'run-scenario.ts');
const START = join(ROOT, 'sim', 'cli', 'start.ts');
const MALFORMED = join(__dirname, 'fixtures', 'malformed-scenario.json');

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(script: string, args: string[]): Outcome {
  // stdin is not a terminal here, as in CI.
  const result = spawnSync(TSX, [script].concat(args), { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run sim (sim/cli/run-scenario.ts)', function () {
  this.timeout(60000);
  let directory = '';

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'retrotread-cli-'));
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  function writeScenario(name: string, json: unknown): string {
    const path = join(directory, name);
    writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
    return path;
  }

  it('exits 2 on a malformed scenario, naming the file and the path of the problem', () => {
    const outcome = runCli(RUN_SCENARIO, [MALFORMED]);
    assert.equal(outcome.status, 2, outcome.stderr);
    assert.equal(outcome.stderr.trim(), 'error: ' + MALFORMED + ': steps[2].atS: expected a number >= 0, got "soon"');
    assert.equal(outcome.stdout, '');
  });

  it('exits 2 on a file that is not JSON or does not exist', () => {
    const broken = writeScenario('broken.json', '{ "name": "x", ');
    const notJson = runCli(RUN_SCENARIO, [broken]);
    assert.equal(notJson.status, 2);
    assert.match(notJson.stderr, new RegExp('^error: ' + broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ':1:16: not valid JSON at line 1, column 16: '));
    const missing = runCli(RUN_SCENARIO, [join(directory, 'nowhere.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nowhere\.json: cannot read: /);
  });

  it('names the line and column of a JSON syntax error, with the line and a caret under it', () => {
    const text = '{\n  "name": "x",\n  "description": "",\n  "durationS": 5\n  "steps": []\n}\n';
    const path = writeScenario('missing-comma.json', text);
    const outcome = runCli(RUN_SCENARIO, [path]);
    assert.equal(outcome.status, 2);
    assert.equal(
      outcome.stderr,
      'error: ' + path + ':5:3: not valid JSON at line 5, column 3: expected "," or "}" after a property value, got "\\""\n' + 'error:     "steps": []\n' + 'error:     ^\n',
    );
  });

  it('reports every problem of a file at once, one line each, naming the file and the path', () => {
    const path = writeScenario('many-problems.json', {
      name: '',
      description: 'x',
      durationS: 5,
      colour: 'red',
      sim: { seed: 1.5, drive: 'steam' },
      storage: { 'rt.settings.a': null },
      steps: [{ atS: 1, command: 'jump' }, { atS: 2, command: 'start' }, { atS: 9, pullKey: true }, { atS: 3, fault: 'beltJammed', rateHz: 5 }],
    });
    const outcome = runCli(RUN_SCENARIO, [path]);
    assert.equal(outcome.status, 2);
    const lines = outcome.stderr.trim().split('\n');
    const paths = lines.map((line) => line.substring(('error: ' + path + ': ').length).split(':')[0]);
    assert.deepEqual(paths, ['scenario.colour', 'name', 'sim.seed', 'sim.drive', 'storage["rt.settings.a"]', 'steps[0].command', 'steps[2].atS', 'steps[3].rateHz']);
    lines.forEach((line) => assert.ok(line.indexOf('error: ' + path + ': ') === 0, line));
    assert.match(lines[7], /belongs to fault "encoderNoise", not "beltJammed"/);
  });

  it('ends quietly on a closed pipe (npm run sim -- file --log | head)', () => {
    // `head -n 3` closes the pipe after three lines while the runner still writes hundreds.
    const scenario = join(ROOT, 'sim', 'scenarios', 'program-12-3-30.json');
    const result = spawnSync('sh', ['-c', '"$0" "$1" "$2" --log | head -n 3', TSX, RUN_SCENARIO, scenario], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0);
    assert.equal(result.stdout.split('\n').length, 4, result.stdout);
    assert.equal(result.stderr, '', 'no EPIPE stack trace');
  });

  it('exits 2 with the usage on a bad command line', () => {
    const outcome = runCli(RUN_SCENARIO, ['--fast', MALFORMED]);
    assert.equal(outcome.status, 2);
    assert.match(outcome.stderr, /^error: unknown option --fast\nusage: npm run sim -- <scenario\.json>/);
  });

  it('exits 2 when the firmware refuses the scenario config', () => {
    const path = writeScenario('bad-config.json', { name: 'bad config', description: '', durationS: 1, config: { turbo: true }, steps: [] });
    const outcome = runCli(RUN_SCENARIO, [path]);
    assert.equal(outcome.status, 2);
    assert.match(outcome.stderr, /bad-config\.json: scenario "bad config": the firmware did not boot: config: unknown setting "turbo"/);
  });

  it('writes --ftms-log as JSON lines, the same file on every run, and refuses it without a file name', () => {
    const scenarioPath = join(ROOT, 'sim', 'scenarios', 'ftms-app-forward-session.json');
    const logs = ['first.jsonl', 'second.jsonl'].map((name) => {
      const logPath = join(directory, name);
      const outcome = runCli(RUN_SCENARIO, [scenarioPath, '--ftms-log', logPath, '--quiet']);
      assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
      return readFileSync(logPath, 'utf8');
    });
    assert.equal(logs[1], logs[0]);
    const lines = logs[0].trimEnd().split('\n');
    assert.ok(lines.length > 100, lines.length + ' lines');
    lines.forEach((line) => assert.deepEqual(Object.keys(JSON.parse(line)), ['atS', 'characteristic', 'hex'], line));
    assert.ok(lines.indexOf('{"atS":8,"characteristic":"controlPointRequest","hex":"02c201"}') > 0, 'the app\'s 4.5 km/h as written');
    const missing = runCli(RUN_SCENARIO, [scenarioPath, '--ftms-log']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^error: --ftms-log needs a file name\n/);
  });

  it('runs a scenario, exits 0, and writes the trace CSV with its header and one row per control tick', () => {
    const path = writeScenario('short.json', {
      name: 'short start',
      description: 'start and count down',
      durationS: 2,
      steps: [
        { atS: 0.5, command: 'start', expectAccepted: true },
        { fromS: 0.5, byS: 0.6, within: { state: 'countdown', duty: 0, motorEnabled: false } },
      ],
    });
    const tracePath = join(directory, 'short.csv');
    const outcome = runCli(RUN_SCENARIO, [path, '--trace', tracePath]);
    assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /verdict\s+PASS/);
    assert.match(outcome.stdout, /PASS short start: 1 expectations met\n$/);
    const lines = readFileSync(tracePath, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], TRACE_CSV_HEADER);
    // One row per tick of the default board's period (--board esp32).
    const tickMs = BOARD_TIMING[DEFAULT_BOARD].controlPeriodMs;
    assert.equal(lines.length, 1 + Math.floor(2000 / tickMs), '2 s at the ' + tickMs + ' ms control period');
    assert.ok(outcome.stdout.indexOf(boardTimingLabel(DEFAULT_BOARD)) > 0, 'the summary names the board timing');
    const columns = TRACE_CSV_HEADER.split(',');
    const first = lines[1].split(',');
    assert.equal(first.length, columns.length);
    assert.equal(first[columns.indexOf('timeS')], String(tickMs / 1000));
    assert.equal(first[columns.indexOf('state')], 'idle');
    // The first tick at or after 1 s (a period need not divide it).
    const later = lines[Math.ceil(1000 / tickMs)].split(',');
    assert.equal(later[columns.indexOf('timeS')], String((Math.ceil(1000 / tickMs) * tickMs) / 1000));
    assert.equal(later[columns.indexOf('state')], 'countdown');
    assert.equal(later[columns.indexOf('duty')], '0');
    assert.equal(later[columns.indexOf('keyPresent')], '1');
  });

  it('runs a scenario on the machine --machine names, and refuses a bad machine file naming the field', () => {
    const machinePath = writeScenario('fine-belt.json', { board: 'pico', beltDistance: { metersPerPulse: 0.01 }, forward: { maxSpeedKph: 5 } });
    const path = writeScenario('capped.json', {
      name: 'capped machine',
      description: '',
      durationS: 6,
      sim: { walkerMode: 'forward' },
      steps: [
        { atS: 0.5, command: 'start', expectAccepted: true },
        { atS: 4, command: 'setSpeed', speedKph: 6, expectAccepted: false, note: 'above the machine\'s cap of 5' },
        { fromS: 3.6, toS: 6, throughout: { state: 'running', fault: null } },
      ],
    });
    const outcome = runCli(RUN_SCENARIO, [path, '--machine', machinePath]);
    assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
    const withoutMachine = runCli(RUN_SCENARIO, [path, '--quiet']);
    assert.equal(withoutMachine.status, 1, 'on the reference treadmill 6 km/h is allowed');
    const badMachine = writeScenario('bad-machine.json', { beltDistance: { metersPerPulse: 0 } });
    const bad = runCli(RUN_SCENARIO, [path, '--machine', badMachine]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim(), 'error: ' + badMachine + ': beltDistance.metersPerPulse must be between 0.0005 and 2 m (got 0)');
  });

  it('runs at the board --board names, and refuses an unknown one with the usage', () => {
    const path = writeScenario('jolt.json', { name: 'jolt ticks', description: '', durationS: 2, steps: [{ atS: 1, expect: { state: 'idle' } }] });
    const tracePath = join(directory, 'jolt.csv');
    const outcome = runCli(RUN_SCENARIO, [path, '--board', 'jolt', '--trace', tracePath]);
    assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
    assert.ok(outcome.stdout.indexOf(boardTimingLabel('jolt')) > 0, 'the summary names the board timing');
    assert.equal(readFileSync(tracePath, 'utf8').trimEnd().split('\n').length, 1 + Math.floor(2000 / BOARD_TIMING.jolt.controlPeriodMs), 'one row per jolt tick');
    const unknown = runCli(RUN_SCENARIO, [path, '--board', 'mdbt42q']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^error: unknown board "mdbt42q"; choose one of esp32, pico, jolt\nusage: /);
  });

  it('exits 1 and prints each failure when an expectation fails', () => {
    const path = writeScenario('failing.json', {
      name: 'wrong hope',
      description: '',
      durationS: 2,
      steps: [{ atS: 1, expect: { state: 'running' }, note: 'nothing was started' }],
    });
    const tracePath = join(directory, 'failing.csv');
    const outcome = runCli(RUN_SCENARIO, [path, '--quiet', '--trace', tracePath]);
    assert.equal(outcome.status, 1);
    assert.equal(outcome.stdout, 'FAIL steps[0] expect at 1.00 s ("nothing was started"): state: expected running, got idle\nFAIL wrong hope: 1 problem(s); seed 1\n');
    assert.ok(existsSync(tracePath), 'the trace is written even when the run fails');
  });
});

describe('npm start (sim/cli/start.ts) without a terminal', function () {
  this.timeout(60000);

  it('runs on the machine file --machine names, says which, and refuses a bad one with exit 2', () => {
    const directory = mkdtempSync(join(tmpdir(), 'retrotread-start-'));
    try {
      const machinePath = join(directory, 'h-bridge.json');
      writeFileSync(machinePath, JSON.stringify({ board: 'pico', drive: 'hbridge', beltDistance: { metersPerPulse: 0.01 } }));
      const outcome = runCli(START, ['--machine', machinePath]);
      assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
      assert.match(outcome.stdout, /machine .*h-bridge\.json: pico board, hbridge drive, 0\.0100 m per pulse, incline pulses\n/);
      assert.match(outcome.stdout, /demo finished: every expectation met\n$/);
      writeFileSync(machinePath, JSON.stringify({ board: 'mdbt42q', beltDistance: { metersPerPulse: 0.01 } }));
      const refused = runCli(START, ['--machine', machinePath]);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /h-bridge\.json: board: the MDBT42Q is no longer supported/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('plays the demo scenario in fast-forward, prints the summary and exits 0', () => {
    const outcome = runCli(START, []);
    assert.equal(outcome.status, 0, outcome.stdout + outcome.stderr);
    assert.ok(outcome.stdout.indexOf('retrotread simulator: no terminal attached, playing the demo in fast-forward on ' + boardTimingLabel(DEFAULT_BOARD) + '\n') === 0, outcome.stdout.split('\n')[0]);
    assert.match(outcome.stdout, /scenario\s+demo: backward walking session/);
    assert.match(outcome.stdout, /top belt speed\s+\d+\.\d+ km\/h \(backward \d+\.\d+ km\/h\)/);
    assert.match(outcome.stdout, /demo finished: every expectation met\n$/);
  });
});
