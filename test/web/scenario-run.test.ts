// The web console's scenario runs against `npm run sim`'s: the same report lines, the same verdict and the byte-identical trace, passing and failing.

import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioText, runPageScenario } from '../../web/scenario-run';
import { runScenarioCli } from './cli-scenario-run';

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

  it('names the file in a JSON error and in every problem of a bad scenario, and refuses a machine it cannot read', () => {
    assert.throws(() => parseScenarioText('{"name": ', 'broken.json'), /^Error: broken\.json: not valid JSON/);
    assert.throws(() => parseScenarioText('{"name": "x", "durationS": -1, "steps": 3}', 'bad.json'), (error: Error) => error.message.split('\n').every((line) => line.indexOf('bad.json: ') === 0) && error.message.split('\n').length >= 2);
    assert.throws(() => parseScenarioText('{"name": "x", "durationS": 1, "steps": [], "machine": "mine.json"}', 'm.json'), /m\.json: names a machine/);
    // An editor's byte-order mark is not JSON, but is taken as the command line takes it.
    assert.equal(parseScenarioText('\ufeff' + readFileSync(join(SCENARIOS, 'key-pull.json'), 'utf8'), 'bom.json').name, 'safety key pulled while walking');
  });
});
