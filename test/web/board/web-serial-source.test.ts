// The web console's board over Web Serial, in Node: a fake port on web streams and a fake board running the real firmware on the simulator.

import assert from 'node:assert/strict';
import type { BoardSource } from '../../../web/board/board-source';
import { STALE_AFTER_MS } from '../../../web/board/console-board-source';
import { connectWebSerialSource } from '../../../web/board/web-serial-source';
import { runFor, settle } from './board-test-time';
import { FakeConsoleBoard } from './fake-console-board';
import { fakeSerial, FakeSerialPort } from './fake-serial-port';

interface Rig {
  board: FakeConsoleBoard;
  port: FakeSerialPort;
  source: BoardSource;
}

async function connected(replyTimeoutMs?: number, configOverrides?: object): Promise<Rig> {
  const board = new FakeConsoleBoard(configOverrides);
  const port = new FakeSerialPort(board);
  const pending = connectWebSerialSource(fakeSerial(port), board.timers(), replyTimeoutMs);
  await settle();
  const source = await pending;
  return { board: board, port: port, source: source };
}

describe('web console: a board over Web Serial (console protocol)', () => {
  it('shows the units the board runs with: mph read from its settings on connect, km/h by default', async () => {
    const mph = await connected(undefined, { units: 'mph' });
    assert.equal(mph.source.units, 'mph');
    const kph = await connected();
    assert.equal(kph.source.units, 'kph');
    assert.deepEqual(kph.board.commands(), ['status', 'watch', 'settings']);
  });

  it('opens the port at 115200 baud and sends only read-only requests on connect', async () => {
    const rig = await connected();
    await runFor(rig.board, 3000);
    assert.equal(rig.port.baudRate, 115200);
    assert.equal(rig.source.connected(), true);
    assert.equal(rig.source.kind, 'board');
    assert.match(rig.source.description, /Web Serial/);
    // status, then the stream; the figures are read through the console handle (kind 'figures').
    assert.deepEqual(rig.board.commands(), ['status', 'watch', 'settings']);
    assert.ok(rig.board.received.some((line) => line.kind === 'figures'));
    assert.ok(rig.board.received.every((line) => line.kind !== 'other'), 'every line written is one the board understands');
    assert.equal(rig.board.firmware.status().state, 'idle');
    const status = rig.source.status();
    assert.equal(status.state, 'idle');
    assert.equal(status.keyPresent, true);
    assert.equal(status.direction, 'forward');
    assert.equal(status.beltKph, null);
    assert.equal(status.duty, null);
    assert.equal(status.elapsedMs, 0);
  });

  it('drives start, speed and stop, shows the board\'s answers, and plots what the stream carries', async () => {
    const rig = await connected();
    rig.source.command('start');
    await settle();
    assert.match(rig.source.lastAnswer, /^start: ok/);
    await runFor(rig.board, 4500);
    assert.equal(rig.source.status().state, 'running');
    rig.source.command('setSpeed', { speedKph: 3.5 });
    await settle();
    assert.match(rig.source.lastAnswer, /^setSpeed: ok/);
    await runFor(rig.board, 5000);
    const running = rig.source.status();
    assert.equal(running.targetSpeedKph, 3.5);
    assert.ok(Math.abs((running.measuredSpeedKph as number) - 3.5) < 0.3, 'measured ' + running.measuredSpeedKph);
    assert.ok(Math.abs((running.measuredSpeedKph as number) - rig.board.firmware.status().measuredSpeedKph) < 0.3);
    assert.ok((running.elapsedMs as number) > 3000, 'session time from the figures: ' + running.elapsedMs);
    assert.ok((running.distanceForwardM as number) > 0);
    rig.source.command('stop');
    await settle();
    assert.match(rig.source.lastAnswer, /^stop: ok/);
    await runFor(rig.board, 500);
    assert.equal(rig.source.status().state, 'stopping');
    await runFor(rig.board, 8000);
    assert.equal(rig.source.status().state, 'idle');
    assert.deepEqual(rig.board.commands(), ['status', 'watch', 'settings', 'start', 'speed', 'stop']);
    // The stream, four lines a second, made the plot: the target reached 3.5, and 0 while stopping.
    const series = rig.source.series;
    assert.ok(series.timeS.length >= 4 * 18, 'points: ' + series.timeS.length);
    assert.ok(series.targetKph.indexOf(3.5) >= 0);
    assert.ok(series.measuredKph.some((kph) => kph !== null && kph > 3.2));
    assert.ok(series.beltKph.every((kph) => kph === null));
    // State changes and the firmware's log reach the page's log; the REPL's noise does not.
    assert.ok(rig.source.logLines.some((line) => /state idle -> countdown/.test(line)));
    assert.ok(rig.source.logLines.some((line) => /state running -> stopping/.test(line)));
    assert.ok(rig.source.logLines.every((line) => !/=undefined|^>/.test(line)));
  });

  it('shows a refusal with the board\'s reason', async () => {
    const rig = await connected();
    rig.source.command('setSpeed', { speedKph: 99 });
    await settle();
    assert.match(rig.source.lastAnswer, /^setSpeed: refused \(.+\)/);
    assert.equal(rig.board.firmware.status().state, 'idle');
  });

  it('shows a lost link plainly, with every figure unknown, and refuses commands instead of queuing them', async () => {
    const rig = await connected();
    await runFor(rig.board, 1000);
    const lost: string[] = [];
    rig.source.onLost((reason) => lost.push(reason));
    rig.port.unplug();
    await settle();
    assert.equal(rig.source.connected(), false);
    assert.equal(rig.source.linkState(), 'lost');
    assert.equal(lost.length, 1);
    assert.match(rig.source.lastAnswer, /link lost .*does not stop the belt/);
    const status = rig.source.status();
    assert.equal(status.state, null);
    assert.equal(status.targetSpeedKph, null);
    assert.equal(status.measuredSpeedKph, null);
    assert.equal(status.keyPresent, null);
    const before = rig.board.received.length;
    rig.source.command('start');
    await runFor(rig.board, 1000);
    assert.match(rig.source.lastAnswer, /^start: not sent: the board is not connected\. Nothing is kept/);
    assert.equal(rig.board.received.length, before, 'nothing written after the loss');
    // Connecting again (a new port object, as after replugging) replays nothing.
    const port = new FakeSerialPort(rig.board);
    const again = connectWebSerialSource(fakeSerial(port), rig.board.timers());
    await settle();
    await again;
    await runFor(rig.board, 1000);
    assert.deepEqual(rig.board.commands(), ['status', 'watch', 'settings', 'status', 'watch', 'settings']);
    assert.equal(rig.board.firmware.status().state, 'idle');
  });

  it('goes to unknown figures when the board falls silent, though the port stays open', async () => {
    const rig = await connected();
    await runFor(rig.board, 1000);
    assert.equal(rig.source.status().state, 'idle');
    rig.board.silent = true;
    await runFor(rig.board, STALE_AFTER_MS - 300);
    assert.equal(rig.source.status().state, 'idle', 'within the stale limit the last figures stand');
    await runFor(rig.board, 600);
    assert.equal(rig.source.status().state, null);
    assert.match(rig.source.status().reason, /no figures from the board/);
  });

  it('fails to connect to a board that does not answer, and closes the port', async () => {
    const board = new FakeConsoleBoard();
    board.silent = true;
    const port = new FakeSerialPort(board);
    let failure: Error | null = null;
    connectWebSerialSource(fakeSerial(port), board.timers(), 1000).then(
      () => undefined,
      (error: Error) => {
        failure = error;
      },
    );
    await runFor(board, 1500);
    assert.ok(failure !== null);
    assert.match((failure as Error).message, /no answer from the board to "status" within 1 s/);
    assert.equal(port.closed, true);
  });

  it('disconnects without a command: only the stream is stopped, and the belt is left to the board', async () => {
    const rig = await connected();
    rig.source.command('start');
    await runFor(rig.board, 4500);
    assert.equal(rig.board.firmware.status().state, 'running');
    await rig.source.disconnect();
    await runFor(rig.board, 1000);
    assert.equal(rig.port.closed, true);
    assert.equal(rig.source.linkState(), 'closed');
    assert.deepEqual(rig.board.commands(), ['status', 'watch', 'settings', 'start', 'unwatch']);
    assert.equal(rig.board.firmware.status().state, 'running');
    rig.source.command('stop');
    assert.match(rig.source.lastAnswer, /^stop: not sent/);
  });
});
