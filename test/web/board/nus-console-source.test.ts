// The web console's board over the Bluetooth console (Nordic UART Service), in Node: a fake GATT UART in front of the fake board running the real firmware.

import assert from 'node:assert/strict';
import { FTMS_SERVICE, NUS_RX_CHARACTERISTIC, NUS_SERVICE, NUS_TX_CHARACTERISTIC } from '../../../web/board/ftms-gatt-uuids';
import { connectNusSource } from '../../../web/board/nus-console-source';
import { NUS_CHUNK_BYTES, nusChunks } from '../../../web/board/nus-link';
import { runFor, settle } from './board-test-time';
import { FakeConsoleBoard } from './fake-console-board';
import { FakeCharacteristic, FakeDevice, fakeBluetooth } from './fake-gatt';

/** A board whose console is on the UART: RX writes reach it as text, what it prints is notified on TX in 20-byte pieces. */
function uartBoard(board: FakeConsoleBoard): { device: FakeDevice; rx: FakeCharacteristic; tx: FakeCharacteristic } {
  const rx = new FakeCharacteristic();
  const tx = new FakeCharacteristic();
  const decoder = new TextDecoder();
  rx.onWrite = (bytes: Uint8Array) => board.write(decoder.decode(bytes, { stream: true }));
  board.onOutput((text: string) => nusChunks(text, 20).forEach((chunk) => tx.emit(chunk)));
  const device = new FakeDevice('retrotread', { [NUS_SERVICE]: { [NUS_RX_CHARACTERISTIC]: rx, [NUS_TX_CHARACTERISTIC]: tx }, [String(FTMS_SERVICE)]: {} });
  return { device: device, rx: rx, tx: tx };
}

describe('web console: a board over the Bluetooth console (NUS)', () => {
  it('cuts text into writes of at most 20 bytes, in order, whole characters rejoined', () => {
    const text = '\u0010rt("{\\"id\\":12,\\"cmd\\":\\"speed\\",\\"kph\\":3.5}")\n';
    const chunks = nusChunks(text, NUS_CHUNK_BYTES);
    assert.ok(chunks.length >= 3);
    assert.ok(chunks.every((chunk) => chunk.length <= 20 && chunk.length > 0));
    assert.equal(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString('utf8'), text);
    assert.equal(Buffer.concat(nusChunks('km/h · 3 €', 4).map((chunk) => Buffer.from(chunk))).toString('utf8'), 'km/h · 3 €');
  });

  it('asks for the board by FTMS or name with the UART optional, then drives start, speed and stop over it', async () => {
    const board = new FakeConsoleBoard();
    const uart = uartBoard(board);
    const bluetooth = fakeBluetooth(uart.device);
    const pending = connectNusSource(bluetooth, board.timers());
    await settle();
    const source = await pending;
    assert.deepEqual(bluetooth.requests, [{ filters: [{ services: [0x1826] }, { namePrefix: 'retrotread' }], optionalServices: [NUS_SERVICE] }]);
    assert.match(source.description, /Bluetooth console \(NUS\)/);
    assert.equal(uart.tx.subscribed, true);
    assert.deepEqual(board.commands(), ['status', 'watch', 'settings']);
    source.command('start');
    await settle();
    assert.match(source.lastAnswer, /^start: ok/);
    await runFor(board, 4500);
    source.command('setSpeed', { speedKph: 2.5 });
    await runFor(board, 4000);
    assert.equal(source.status().targetSpeedKph, 2.5);
    assert.ok(Math.abs((source.status().measuredSpeedKph as number) - 2.5) < 0.3);
    source.command('stop');
    await runFor(board, 8000);
    assert.equal(source.status().state, 'idle');
    assert.deepEqual(board.commands(), ['status', 'watch', 'settings', 'start', 'speed', 'stop']);
    assert.ok(uart.rx.written.length > board.received.length, 'requests went in pieces');
    assert.ok(uart.rx.written.every((chunk) => chunk.length <= NUS_CHUNK_BYTES));
  });

  it('says so when the board offers no UART', async () => {
    const device = new FakeDevice('retrotread', { [String(FTMS_SERVICE)]: {} });
    const board = new FakeConsoleBoard();
    await assert.rejects(connectNusSource(fakeBluetooth(device), board.timers()), /offers no Bluetooth console \(Nordic UART Service\)/);
    assert.equal(device.gatt.connected, false);
  });

  it('shows the loss when the board goes out of range, and refuses commands after it', async () => {
    const board = new FakeConsoleBoard();
    const uart = uartBoard(board);
    const pending = connectNusSource(fakeBluetooth(uart.device), board.timers());
    await settle();
    const source = await pending;
    await runFor(board, 500);
    uart.device.drop();
    assert.equal(source.connected(), false);
    assert.equal(source.status().state, null);
    const written = uart.rx.written.length;
    source.command('start');
    await settle();
    assert.match(source.lastAnswer, /^start: not sent/);
    assert.equal(uart.rx.written.length, written);
  });
});
