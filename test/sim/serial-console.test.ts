// `npm run console -- --port` without hardware: serialport's mock binding, and a fake board on it running the real firmware on the simulator behind Espruino-like REPL noise.

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { SerialPortMock } from 'serialport';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { boardConfig } from '../../sim/cli/board-timing-options';
import { boardRequestText, classifyBoardLine } from '../../sim/console/board-line';
import { runConsoleSession } from '../../sim/cli/console-session';
import { linkFromPort, SerialTransport } from '../../sim/cli/serial-transport';

const PATH = '/dev/fake-board';
/** @serialport/binding-mock's MockBinding (its package's types do not resolve under this project's module settings; serialport re-exports it typed). */
const MockBinding = SerialPortMock.binding;

/** What the test uses of a mock port's binding (@serialport/binding-mock's MockPortBinding). */
interface MockPortBinding {
  write(buffer: Buffer): Promise<void>;
  emitData(data: string): void;
}

interface FakeBoard {
  /** Everything the host wrote, as text. */
  written: string[];
  /** The board's firmware. */
  firmware: Treadmill;
}

/**
 * A board on the other end of the mock port: each `\x10rt("...")` line goes through the firmware's
 * `reply` (booted on the simulator as on a board), the reply comes back as Espruino prints it,
 * among a log line, the REPL's `=undefined` and its prompt. `answer` decides what is sent back.
 */
function fakeBoard(binding: MockPortBinding, answer: (replyLine: string) => string[]): FakeBoard {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'off' as const }));
  const hal = Object.assign({}, sim.hal) as TreadmillHal;
  const print = (line: string) => binding.emitData(line + '\r\n');
  hal.log = { info: (message: string) => print('info: ' + message), warn: (message: string) => print('warn: ' + message), error: (message: string) => print('error: ' + message), data: print };
  const firmware = bootTreadmill(hal, boardConfig('esp32'));
  scheduler.advance(4000);
  const board: FakeBoard = { written: [], firmware: firmware };
  const write = binding.write.bind(binding);
  binding.write = (buffer: Buffer) => {
    const done = write(buffer);
    const text = buffer.toString('latin1');
    board.written.push(text);
    text.split('\n').filter((line) => line !== '').forEach((line) => {
      const request = /^\u0010rt\((".*")\)$/.exec(line);
      const figures = /^\u0010console\.log\(JSON\.stringify\(\{id:(\d+),ok:true,data:treadmill\.status\(\)\.metrics\}\)\)$/.exec(line);
      let reply = '';
      if (request !== null) reply = firmware.reply(JSON.parse(request[1]) as string);
      else if (figures !== null) reply = JSON.stringify({ id: Number(figures[1]), ok: true, data: firmware.status().metrics });
      else reply = 'Uncaught SyntaxError: Got ?[16] expected EOF';
      scheduler.advance(200);
      setImmediate(() => answer(reply).forEach((piece) => binding.emitData(piece)));
    });
    return done;
  };
  return board;
}

/** Espruino's way: the reply line, a result the REPL prints, its prompt. */
function withNoise(replyLine: string): string[] {
  return ['info: a log line before the reply\r\n', replyLine + '\r\n', '=undefined\r\n', '>'];
}

function openMockPort(): Promise<SerialPortMock> {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: true });
  const port = new SerialPortMock({ path: PATH, baudRate: 115200, autoOpen: false });
  return new Promise((resolve, reject) => port.open((error) => (error ? reject(error) : resolve(port))));
}

function runScript(transport: SerialTransport, script: string[]): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  return runConsoleSession({ transport: transport, input: Readable.from(script.map((line) => line + '\n')), say: (line: string) => lines.push(...line.split('\n')), screen: null }).then((status) => ({ status: status, lines: lines }));
}

describe('host console on a board (--port), through a mock serial port', () => {
  afterEach(() => MockBinding.reset());

  it('runs commands on the fake board: replies matched, REPL noise dropped, log lines shown, sim-only commands refused, the summary read', () => {
    return openMockPort().then((port) => {
      const board = fakeBoard(port.port as unknown as MockPortBinding, withNoise);
      const transport = new SerialTransport(linkFromPort(port), PATH, 2000);
      return runScript(transport, ['status', 'start', 'speed 3', 'wait 5', 'key pull', 'fly', 'quit']).then((result) => {
        assert.equal(result.status, 0, result.lines.join('\n'));
        const text = result.lines.join('\n');
        assert.match(text, /> status\n(.*\n)*? {2}idle, forward, target 0\.0 km\/h/);
        assert.match(text, /> start\n(.*\n)* {2}ok: start: countdown/);
        assert.match(text, /now countdown: start: countdown/);
        assert.match(text, /> wait 5\n {2}wait is for the simulator only/);
        assert.match(text, /> key pull\n {2}key is for the simulator only/);
        assert.match(text, /log: info: a log line before the reply/);
        assert.doesNotMatch(text, /=undefined|^>$/m);
        assert.match(result.lines[result.lines.length - 1], /^session \d+:\d\d, forward \d+\.\d m, backward \d+\.\d m, \d+\.\d kcal, average \d+\.\d km\/h$/);
        // Every request went as \x10rt("<JSON>") with its own id, the first a status.
        const requests = board.written.filter((text) => text.indexOf('\u0010rt(') === 0);
        assert.ok(requests.length >= 5);
        const first = JSON.parse(JSON.parse(/^\u0010rt\((".*")\)\n$/.exec(requests[0])![1]) as string) as { id: number; cmd: string };
        assert.deepEqual(first, { id: 1, cmd: 'status' });
        assert.equal(board.firmware.status().state, 'countdown');
      });
    });
  });

  it('says clearly when the board stays silent, and the console exits 1', () => {
    return openMockPort().then((port) => {
      fakeBoard(port.port as unknown as MockPortBinding, () => []);
      const transport = new SerialTransport(linkFromPort(port), PATH, 150);
      return runScript(transport, ['start']).then((result) => {
        assert.equal(result.status, 1);
        assert.match(result.lines.join('\n'), /no answer from the board on \/dev\/fake-board to "status" within 0\.15 s: is it the right port, is retrotread flashed, is the board busy\?/);
      });
    });
  });

  it('survives malformed and stray lines and still matches the reply by its id', () => {
    return openMockPort().then((port) => {
      fakeBoard(port.port as unknown as MockPortBinding, (reply: string) => ['{"ok":tru\r\n', '{"event":\r\n', '{"ok":true,"message":"not yours","id":999}\r\n', '[1,2]\r\n', '> ' + reply + '\r\n>']);
      const transport = new SerialTransport(linkFromPort(port), PATH, 2000);
      const logged: string[] = [];
      transport.onLog((text: string) => logged.push(text));
      return transport.send({ cmd: 'start' }).then((reply) => {
        assert.deepEqual(reply, { ok: true, message: 'start: countdown', id: 1 });
        assert.ok(logged.indexOf('{"ok":tru') >= 0, logged.join('\n'));
        assert.ok(logged.some((line) => /reply to no request waiting.*"id":999/.test(line)), logged.join('\n'));
        return transport.close();
      });
    });
  });
});

describe('board console lines', () => {
  it('sorts replies, events, log lines and REPL noise', () => {
    assert.deepEqual(classifyBoardLine('{"ok":false,"error":"x","id":3}\r'), { kind: 'reply', reply: { ok: false, error: 'x', id: 3 } });
    assert.deepEqual(classifyBoardLine('>{"event":"state","to":"idle"}'), { kind: 'event', event: { event: 'state', to: 'idle' } });
    assert.deepEqual(classifyBoardLine('=undefined'), { kind: 'noise' });
    assert.deepEqual(classifyBoardLine('>'), { kind: 'noise' });
    assert.deepEqual(classifyBoardLine('info: idle -> countdown'), { kind: 'log', text: 'info: idle -> countdown' });
    assert.deepEqual(classifyBoardLine('{"speed": 3}'), { kind: 'log', text: '{"speed": 3}' });
  });

  it('writes a request as \\x10rt("<JSON>") in ASCII, the id first', () => {
    assert.equal(boardRequestText({ cmd: 'program', name: 'h\u00e9 "x"' }, 7), '\u0010rt("{\\"id\\":7,\\"cmd\\":\\"program\\",\\"name\\":\\"h\\u00e9 \\\\\\"x\\\\\\"\\"}")\n');
  });
});
