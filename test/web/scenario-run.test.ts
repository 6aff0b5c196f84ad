// The web console's scenario runs against `npm run sim`'s: the same report lines, the same verdict and the byte-identical trace, passing and failing.

import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioText, runPageScenario } from '../../web/scenario-run';
import { runScenarioCli, scenarioCliRefusal } from './cli-scenario-run';

const SCENARIOS = join(__dirname, '..', '..', 'sim', 'scenarios');

/** The page's run of the file at `path`, read as the page reads it: text and a file name. */
function pageRun(path: string) {
  return runPageScenario(parseScenarioText(readFileSync(path, 'utf8'), path));
}

describe('web console: scenario files as npm run sim runs them', function () {
  // Each case starts the command line once (tsx compiles it): a few seconds on a busy machine.
  this.timeout(60000);
  let directory = '';

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'retrotread-web-scenario-'));
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  ['key-pull.json', 'program-intervals.json'].forEach((name) => {
    it(name + ': the same report, PASS, and the same trace byte for byte', () => {
      const file = join(SCENARIOS, name);
      const cli = runScenarioCli(file);
      const page = pageRun(file);
      assert.equal(cli.status, 0);
      assert.equal(page.passed, true);
      assert.deepEqual(page.lines, cli.lines);
      assert.ok(page.traceCsv.split('\n').length > 100, 'a trace of ' + page.traceCsv.split('\n').length + ' lines');
      assert.ok(page.traceCsv === cli.trace, 'traces differ: ' + page.traceCsv.length + ' and ' + cli.trace.length + ' characters');
    });
  });

  it('at another board\'s timing (the simulated treadmill\'s choice): as npm run sim -- --board jolt', () => {
    const file = join(SCENARIOS, 'key-pull.json');
    const cli = runScenarioCli(file, ['--board', 'jolt']);
    const page = runPageScenario(parseScenarioText(readFileSync(file, 'utf8'), file), 'jolt');
    assert.equal(cli.status, 0);
    assert.deepEqual(page.lines, cli.lines);
    assert.ok(page.lines.some((line) => /board timing +jolt \(240 ms period, 64 ms tick\)/.test(line)), page.lines.join('\n'));
    assert.ok(page.traceCsv === cli.trace, 'traces differ: ' + page.traceCsv.length + ' and ' + cli.trace.length + ' characters');
    // Not the esp32's run: another period gives another trace.
    assert.notEqual(page.traceCsv, runPageScenario(parseScenarioText(readFileSync(file, 'utf8'), file)).traceCsv);
  });

  it('a scenario whose expectation fails: FAIL in both, with the same failure lines', () => {
    const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'key-pull.json'), 'utf8'));
    // The belt reaches 3 km/h, never 6: this expectation must fail.
    scenario.steps[2].within.speedKph = 6;
    const file = join(directory, 'failing.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    const cli = runScenarioCli(file);
    const page = pageRun(file);
    assert.equal(cli.status, 1);
    assert.equal(page.passed, false);
    assert.match(page.lines[page.lines.length - 1], /^FAIL safety key pulled while walking: 1 problem\(s\); seed 1$/);
    assert.deepEqual(page.lines, cli.lines);
    assert.ok(page.traceCsv === cli.trace);
  });

  it('a JSON syntax error: the command line\'s message, line, column and caret', () => {
    const directory = mkdtempSync(join(tmpdir(), 'retrotread-web-json-'));
    try {
      const file = join(directory, 'broken.json');
      const text = '{\n  "name": "x",\n  "durationS": 10\n  "steps": []\n}\n';
      writeFileSync(file, text);
      let pageMessage = '';
      assert.throws(() => parseScenarioText(text, file), (error: Error) => {
        pageMessage = error.message;
        return true;
      });
      assert.match(pageMessage, /broken\.json:4:3: not valid JSON at line 4, column 3/);
      assert.match(pageMessage, /\n {4}"steps": \[\]\n {4}\^$/);
      const cli = scenarioCliRefusal(file);
      assert.equal(cli.status, 2, cli.stderr);
      // The command line starts each line of a message with "error: ".
      const cliMessage = cli.stderr
        .split('\n')
        .map((line) => line.replace(/^error: /, ''))
        .join('\n');
      assert.ok(cliMessage.indexOf(pageMessage) >= 0, 'the command line printed:\n' + cli.stderr + '\nthe page:\n' + pageMessage);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names the file in a JSON error and in every problem of a bad scenario, and refuses a machine it cannot read', () => {
    assert.throws(() => parseScenarioText('{"name": ', 'broken.json'), /^Error: broken\.json:1:10: not valid JSON/);
    assert.throws(() => parseScenarioText('{"name": "x", "durationS": -1, "steps": 3}', 'bad.json'), (error: Error) => error.message.split('\n').every((line) => line.indexOf('bad.json: ') === 0) && error.message.split('\n').length >= 2);
    assert.throws(() => parseScenarioText('{"name": "x", "durationS": 1, "steps": [], "machine": "mine.json"}', 'm.json'), /m\.json: names a machine/);
    // An editor's byte-order mark is not JSON, but is taken as the command line takes it.
    assert.equal(parseScenarioText('\ufeff' + readFileSync(join(SCENARIOS, 'key-pull.json'), 'utf8'), 'bom.json').name, 'safety key pulled while walking');
  });
});
