// The command line of build, flash and upload-preview: flags win over the machine file, and a bad command line is refused before anything is written.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOARD_JSON, DEFAULT_BOARD } from '../../scripts/boards';
import { flashArguments, parseBuildCommand, type BuildCommand } from '../../scripts/build-options';
import { ROOT } from '../../scripts/device-bundles';
import { readMachineFile } from '../../scripts/machine-description';

function refusal(argv: string[], allowToolFlags: boolean): string {
  try {
    parseBuildCommand(argv, allowToolFlags);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('build command line', () => {
  let folder = '';
  let picoMachine = '';

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'retrotread-options-'));
    picoMachine = join(folder, 'pico.json');
    writeFileSync(picoMachine, JSON.stringify({ board: 'pico', drive: 'hbridge', beltDistance: { metersPerPulse: 0.01 } }));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads machine.json unless --machine names another, and builds its board and drive', () => {
    const project = readMachineFile(join(ROOT, 'machine.json'));
    const byDefault = parseBuildCommand([], false);
    assert.equal(byDefault.machinePath, 'machine.json');
    assert.equal(byDefault.board, project.board);
    assert.equal(byDefault.drive, project.drive);
    const mine = parseBuildCommand(['--machine', picoMachine], false);
    assert.equal(mine.board, 'pico');
    assert.equal(mine.drive, 'hbridge');
    assert.equal(mine.machine.metersPerPulse, 0.01);
    assert.match(mine.choice, /board pico \(from the machine file\), drive hbridge \(from the machine file\)/);
  });

  it('flags win over the machine file, and the build says so', () => {
    const command = parseBuildCommand(['--machine', picoMachine, '--board', 'jolt', '--drive=mc2100'], false);
    assert.equal(command.board, 'jolt');
    assert.equal(command.drive, 'mc2100');
    assert.equal(command.machine.drive, 'mc2100', 'the machine is checked against the profile the build uses');
    assert.match(command.choice, /board jolt \(from the command line over the machine file's pico\), drive mc2100 \(from the command line over the machine file's hbridge\)/);
  });

  [
    { argv: ['--bord', 'pico'], message: /^unknown option "--bord"$/ },
    { argv: ['--board'], message: /^--board needs a value$/ },
    { argv: ['--board', '--drive', 'hbridge'], message: /^--board needs a value$/ },
    { argv: ['--board='], message: /^--board needs a value$/ },
    { argv: ['--board', 'mdbt42q'], message: /MDBT42Q is no longer supported: with its 2950 variables.*see README\.md, "Dropped boards"/ },
    { argv: ['--board', 'picoo'], message: /^unknown board "picoo"; choose one of esp32, jolt, pico$/ },
    { argv: ['--drive', 'dc'], message: /^unknown drive "dc"; choose one of mc2100, hbridge$/ },
    { argv: ['pico'], message: /^unknown option "pico"$/ },
    { argv: ['-p', '/dev/ttyACM0'], message: /^unknown option "-p"$/ },
    { argv: ['--machine', 'no-such-machine.json'], message: /no-such-machine\.json: cannot read the machine file/ },
  ].forEach((row) => {
    it('refuses ' + JSON.stringify(row.argv.join(' ')), () => {
      assert.match(refusal(row.argv, false), row.message);
    });
  });

  it('flash passes the connection flags to the espruino tool, after the job file and before the code', () => {
    const command: BuildCommand = parseBuildCommand(['--board', 'pico', '-p', '/dev/ttyACM0', '-b', '115200', '--no-ble', '-v'], true);
    assert.equal(command.board, 'pico');
    assert.deepEqual(command.toolArguments, ['-p', '/dev/ttyACM0', '-b', '115200', '--no-ble', '-v']);
    assert.deepEqual(flashArguments('dist/espruino-job.json', 'dist/firmware.js', command.toolArguments), ['-j', 'dist/espruino-job.json', '-p', '/dev/ttyACM0', '-b', '115200', '--no-ble', '-v', 'dist/firmware.js']);
    assert.match(refusal(['-p'], true), /^-p needs a value$/);
    assert.match(refusal(['--ohex', 'x.hex'], true), /^unknown option "--ohex"$/);
  });

  it('npm run flash with a misspelt option exits non-zero and writes nothing', () => {
    const out = join(folder, 'dist');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'flash.ts'), '--bord', 'pico', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /flash: unknown option "--bord"/);
    assert.equal(existsSync(out), false);
  });

  it('npm run flash builds what was asked and hands the tool that build; reaching no board is a failure', function () {
    this.timeout(60000);
    const out = join(folder, 'dist');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'flash.ts'), '--board', 'pico', '--drive', 'hbridge', '--out', out, '-p', '/dev/no-such-port', '--no-ble'], { cwd: ROOT, encoding: 'utf8' });
    assert.match(result.stdout, /flash: built .* \(compact edition\), stored .* of the pico board's .*drive hbridge/);
    assert.match(result.stdout, /Explicit board JSON supplied: "hal\/espruino\/boards\/PICO_R1_3\.json"/, 'the tool got the Pico job');
    assert.match(result.stdout + result.stderr, /Connecting to '\/dev\/no-such-port'/, 'the port was passed through');
    assert.equal(result.status, 1, 'the tool exits 0 when it reaches no board: the flash must not');
    assert.match(result.stderr, /flash failed: the espruino tool reached no board, so nothing was sent/);
    assert.match(readFileSync(join(out, 'firmware.js'), 'latin1'), /BTS7960/);
  });

  it('the job settings (.espruinorc) name the default board\'s JSON, as README.md and docs/wiring.md say', () => {
    assert.equal(JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8')).board, BOARD_JSON[DEFAULT_BOARD]);
    assert.equal(DEFAULT_BOARD, 'esp32');
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), /boards: esp32 \(default\), jolt, pico/);
    assert.match(readFileSync(join(ROOT, 'docs', 'wiring.md'), 'utf8'), /### ESP32 \(the default board\)/);
  });
});
