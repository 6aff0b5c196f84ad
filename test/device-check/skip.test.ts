// Without interpreters (CI) the device check says it skipped, exits 0 and passes nothing.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, runDeviceCheck } from '../../scripts/check-device';
import { missingInterpreters } from '../../scripts/device-check/run-board';

describe('device check: skip path', function () {
  this.timeout(60000);
  let folder = '';

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'device-check-skip-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function run(argv: string[]): Promise<{ status: number; text: string }> {
    const lines: string[] = [];
    const options = parseOptions(argv.concat(['--json', join(folder, 'out', 'device-check.json')]));
    const status = await runDeviceCheck(options, (line) => lines.push(line));
    return { status, text: lines.join('\n') };
  }

  it('no --espruino-dir: says it skipped and names the boards, exit 0, no pass, no JSON', async () => {
    const outcome = await run([]);
    assert.equal(outcome.status, 0);
    assert.match(outcome.text, /skipped: no interpreters given/);
    assert.match(outcome.text, /Nothing was measured/);
    assert.match(outcome.text, /pico/);
    assert.doesNotMatch(outcome.text, /pass/i);
    assert.equal(existsSync(join(folder, 'out')), false);
  });

  it('a folder that does not exist: the same', async () => {
    const outcome = await run(['--espruino-dir', join(folder, 'nowhere')]);
    assert.equal(outcome.status, 0);
    assert.match(outcome.text, /skipped: no folder/);
    assert.doesNotMatch(outcome.text, /pass/i);
  });

  it('a folder without the binaries: each board SKIP with what is missing, exit 0, no pass, no JSON', async () => {
    const outcome = await run(['--espruino-dir', folder, '--board', 'pico']);
    assert.equal(outcome.status, 0);
    assert.match(outcome.text, /pico .* SKIP/);
    assert.match(outcome.text, /missing in .*: espruino, espruino_pico32, espruino_timing32/);
    assert.match(outcome.text, /skipped: no board could be measured/);
    assert.doesNotMatch(outcome.text, /pass/i);
    assert.equal(existsSync(join(folder, 'out')), false);
  });

  it('an unknown board is refused with the list (exit 2)', async () => {
    const outcome = await run(['--espruino-dir', folder, '--board', 'uno']);
    assert.equal(outcome.status, 2);
    assert.match(outcome.text, /unknown board "uno"; boards: .*pico/);
  });

  it('names each interpreter a board needs', () => {
    assert.deepEqual(missingInterpreters(folder, 'esp32'), ['espruino', 'espruino_esp32_32', 'espruino_timing32']);
    assert.deepEqual(missingInterpreters(folder, 'jolt'), ['espruino', 'espruino_jolt32', 'espruino_timing32']);
  });
});
