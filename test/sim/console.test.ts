// `npm run console -- --sim` end to end: a scripted session through the board's line protocol, its output asserted; and the typed command language.

import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { parseConsoleLine } from '../../sim/cli/console-commands';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CONSOLE = join(ROOT, 'sim', 'cli', 'console.ts');

function runConsole(args: string[], script: string): { status: number | null; lines: string[] } {
  const result = spawnSync(TSX, [CONSOLE].concat(args), { cwd: ROOT, encoding: 'utf8', input: script, timeout: 60000 });
  return { status: result.status, lines: (result.stdout + result.stderr).split('\n') };
}

/** The lines from the one that echoes `command` up to the next command. */
function answerTo(lines: string[], command: string, occurrence = 1): string[] {
  let seen = 0;
  const start = lines.findIndex((line) => line === '> ' + command && ++seen === occurrence);
  assert.ok(start >= 0, 'no "' + command + '" in:\n' + lines.join('\n'));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('> '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('host console on the simulator (npm run console -- --sim)', () => {
  it('runs a session: start, speed, key pull, a refused clear, the clear, a program, stop', () => {
    const script = [
      'start',
      'wait 5',
      'speed 3',
      'wait 8',
      'status',
      'key pull',
      'clear',
      'key insert',
      'wait 8',
      'clear',
      'program backward-intro',
      'wait 12',
      'status',
      'stop',
      'wait 15',
      'status',
      'quit',
      '',
    ].join('\n');
    const { status, lines } = runConsole(['--sim'], script);
    assert.equal(status, 0, lines.join('\n'));
    assert.ok(answerTo(lines, 'start').some((line) => line === '  ok: start: countdown'));
    assert.ok(answerTo(lines, 'wait 5').some((line) => /now running: countdown finished/.test(line)));
    assert.match(answerTo(lines, 'status')[0], /^ {2}running, forward, target 3\.0 km\/h, belt (2\.[89]|3\.[01]) km\/h, .*key in$/);
    assert.ok(answerTo(lines, 'key pull').some((line) => /now fault \(keyRemoved\)/.test(line)));
    assert.ok(answerTo(lines, 'clear').some((line) => line === '  refused: insert the safety key to clear the fault'));
    assert.ok(answerTo(lines, 'clear', 2).some((line) => line === '  ok: fault cleared at the machine: idle, press start to run'), answerTo(lines, 'clear', 2).join('\n'));
    assert.ok(answerTo(lines, 'program backward-intro').some((line) => /^ {2}ok: /.test(line)));
    assert.match(answerTo(lines, 'status', 2)[0], /^ {2}running, backward, target 0\.8 km\/h/);
    assert.match(answerTo(lines, 'status', 3)[0], /^ {2}idle, backward, target 0\.0 km\/h, belt 0\.0 km\/h/);
    // The program walked backward: the summary splits the distance by direction.
    assert.match(lines[lines.length - 2], /^session \d+:\d\d, forward \d+\.\d m, backward [1-9]\d*\.\d m, \d+\.\d kcal, average \d+\.\d km\/h$/);
  });

  it('refuses what it does not understand and says why, changing nothing', () => {
    const { status, lines } = runConsole(['--sim'], 'speed fast\nfly\ndirection up\nwait -1\nstatus\nquit\n');
    assert.equal(status, 0);
    assert.deepEqual(answerTo(lines, 'speed fast'), ['  speed takes a number of km/h: speed 3.2']);
    assert.deepEqual(answerTo(lines, 'fly'), ['  not understood: "fly" (help lists what is)']);
    assert.deepEqual(answerTo(lines, 'direction up'), ['  direction forward or direction backward']);
    assert.match(answerTo(lines, 'status')[0], /^ {2}idle, forward, target 0\.0 km\/h/);
  });

  it('needs --sim or --port, not both, and refuses other options with the usage', () => {
    assert.equal(runConsole([], '').status, 2);
    assert.equal(runConsole(['--sim', '--port', '/dev/ttyACM0'], '').status, 2);
    assert.equal(runConsole(['--sim', '--bord', 'pico'], '').status, 2);
  });

  it('--port with a port that does not exist: one line saying so, exit 1, no stack', () => {
    const port = runConsole(['--port', '/dev/retrotread-no-such-port'], '');
    assert.equal(port.status, 1);
    const printed = port.lines.filter((line) => line !== '');
    assert.deepEqual(printed, ['cannot open the serial port /dev/retrotread-no-such-port: No such file or directory']);
  });

  it('says which commands are for the simulator only, and stops the stopping target at 0', () => {
    const { lines } = runConsole(['--sim'], 'start\nwait 5\nspeed 3\nwait 5\nstop\nwait 0.5\nstatus\nhelp\nquit\n');
    assert.match(answerTo(lines, 'status')[0], /^ {2}stopping, forward, target 0\.0 km\/h, belt [1-3]\.\d km\/h/);
    assert.ok(answerTo(lines, 'help').some((line) => /simulator only: wait SECONDS/.test(line)));
  });

  it('understands the typed commands as protocol requests', () => {
    assert.deepEqual(parseConsoleLine('speed 3.2'), { kind: 'request', request: { cmd: 'speed', kph: 3.2 } });
    assert.deepEqual(parseConsoleLine('  Incline 2 '), { kind: 'request', request: { cmd: 'incline', pct: 2 } });
    assert.deepEqual(parseConsoleLine('program backward progression 3'), { kind: 'request', request: { cmd: 'program', name: 'backward progression 3' } });
    assert.deepEqual(parseConsoleLine('clear'), { kind: 'request', request: { cmd: 'clearFault' } });
    assert.deepEqual(parseConsoleLine('programstatus'), { kind: 'request', request: { cmd: 'programStatus' } });
    assert.deepEqual(parseConsoleLine('# a comment'), { kind: 'nothing' });
    assert.deepEqual(parseConsoleLine('wait 601'), { kind: 'error', message: 'wait takes 0-600 seconds: wait 5' });
    assert.equal(parseConsoleLine('start now').kind, 'error');
    assert.deepEqual(parseConsoleLine('?'), { kind: 'help' });
  });
});
