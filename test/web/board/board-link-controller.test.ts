// The board panel's logic in Node: which links this browser has, one tab at a time through the Web Lock, connect, loss and back to the simulator.

import assert from 'node:assert/strict';
import { BoardLinkController } from '../../../web/board/board-link-controller';
import { BOARD_LINK_LOCK } from '../../../web/board/board-link-lock';
import type { BrowserLinks } from '../../../web/board/browser-support';
import type { TreadmillViewSource } from '../../../web/view-source';
import { runFor, settle } from './board-test-time';
import { FakeConsoleBoard } from './fake-console-board';
import { FakeLocks } from './fake-locks';
import { fakeSerial, FakeSerialPort } from './fake-serial-port';

interface Tab {
  controller: BoardLinkController;
  shown: (TreadmillViewSource | 'simulator')[];
}

function tab(board: FakeConsoleBoard, port: FakeSerialPort, locks: FakeLocks | null, overrides?: Partial<BrowserLinks>): Tab {
  const shown: (TreadmillViewSource | 'simulator')[] = [];
  const links: BrowserLinks = Object.assign({ serial: fakeSerial(port), bluetooth: null, locks: locks, secureContext: true }, overrides || {});
  const controller = new BoardLinkController(links, board.timers(), { onSource: (source) => shown.push(source), onSimulator: () => shown.push('simulator') });
  return { controller: controller, shown: shown };
}

describe('web console: the board panel\'s links', () => {
  it('says which browsers have a link this one lacks, and connects nothing', async () => {
    const board = new FakeConsoleBoard();
    const first = tab(board, new FakeSerialPort(board), new FakeLocks(), { serial: null });
    assert.match(first.controller.unavailable('serial') as string, /^This browser has no Web Serial\. Web Serial works in Chrome, Edge and Opera on a computer/);
    assert.match(first.controller.unavailable('ftms') as string, /^This browser has no Web Bluetooth\. .*not in Firefox or Safari/);
    await first.controller.connect('serial');
    assert.match(first.controller.message(), /no Web Serial/);
    assert.equal(first.controller.state(), 'simulator');
    assert.deepEqual(first.shown, []);
    const insecure = tab(board, new FakeSerialPort(board), new FakeLocks(), { secureContext: false });
    assert.match(insecure.controller.unavailable('serial') as string, /secure page/);
    const noLocks = tab(board, new FakeSerialPort(board), null);
    assert.match(noLocks.controller.unavailable('serial') as string, /no Web Locks/);
    assert.deepEqual(board.received, []);
  });

  it('lets one tab hold the board: a second tab is told so and sends nothing, until the first lets go', async () => {
    const board = new FakeConsoleBoard();
    const locks = new FakeLocks();
    const port = new FakeSerialPort(board);
    const first = tab(board, port, locks);
    const second = tab(board, new FakeSerialPort(board), locks);
    const connecting = first.controller.connect('serial');
    await settle();
    await connecting;
    assert.equal(first.controller.state(), 'board');
    assert.equal(first.shown.length, 1);
    assert.equal(locks.held[BOARD_LINK_LOCK], true);
    const before = board.received.length;
    await second.controller.connect('serial');
    assert.equal(second.controller.state(), 'simulator');
    assert.match(second.controller.message(), /another tab of this page holds the board link/);
    assert.deepEqual(second.shown, []);
    assert.equal(board.received.length, before, 'the second tab wrote nothing');
    await first.controller.backToSimulator();
    await settle();
    assert.deepEqual(first.shown.slice(1), ['simulator']);
    assert.match(first.controller.message(), /did not stop it/);
    assert.equal(locks.held[BOARD_LINK_LOCK], undefined);
    const again = second.controller.connect('serial');
    await settle();
    await again;
    assert.equal(second.controller.state(), 'board');
    assert.deepEqual(board.commands(), ['status', 'watch', 'settings', 'unwatch', 'status', 'watch', 'settings']);
  });

  it('lets go of the lock when the link is lost, and keeps the lost board shown as unknown until the user chooses', async () => {
    const board = new FakeConsoleBoard();
    const locks = new FakeLocks();
    const port = new FakeSerialPort(board);
    const first = tab(board, port, locks);
    const connecting = first.controller.connect('serial');
    await settle();
    await connecting;
    port.unplug();
    await runFor(board, 200);
    assert.equal(locks.held[BOARD_LINK_LOCK], undefined);
    assert.equal(first.controller.state(), 'board');
    assert.match(first.controller.message(), /^link lost/);
    const source = first.controller.source() as TreadmillViewSource;
    assert.equal(source.connected(), false);
    assert.equal(source.status().state, null);
  });

  it('reports a picker the user closed without choosing', async () => {
    const board = new FakeConsoleBoard();
    const first = tab(board, new FakeSerialPort(board), new FakeLocks(), { serial: { requestPort: () => Promise.reject(new Error('No port selected by the user.')) } });
    await first.controller.connect('serial');
    assert.equal(first.controller.state(), 'simulator');
    assert.equal(first.controller.message(), 'Not connected (Web Serial): No port selected by the user.');
  });
});
