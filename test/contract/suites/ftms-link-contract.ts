// Contract suite for FtmsLink, shared by the simulated link and the Espruino link on a faked NRF.

import { strict as assert } from 'assert';
import type { FtmsCharacteristic, FtmsLink } from '../../../hal/ftms-link';

/** A link, and a client's side of it: actions are queued and delivered by `settle`, as the radio would. */
export interface FtmsLinkFixture {
  link: FtmsLink;
  connect(): void;
  disconnect(): void;
  /** The connected client writes the control point. */
  write(bytes: Uint8Array): void;
  /** Deliver what is queued (client actions, retries). */
  settle(): void;
  /** What a client reads from `characteristic` now, or null. */
  read(characteristic: FtmsCharacteristic): Uint8Array | null;
  /** What the connected client received on `characteristic` (notifications, indications), in order. */
  received(characteristic: FtmsCharacteristic): Uint8Array[];
}

function list(values: Uint8Array[]): number[][] {
  return values.map((value) => Array.from(value));
}

/** Run the FtmsLink contract against `makeFixture`. */
export function describeFtmsLinkContract(target: string, makeFixture: () => FtmsLinkFixture): void {
  describe('FtmsLink contract: ' + target, () => {
    it('setValue keeps a copy: the firmware may reuse its buffer at once', () => {
      const fixture = makeFixture();
      const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]);
      fixture.link.setValue('speedRange', buffer);
      buffer[0] = 99;
      assert.deepEqual(Array.from(fixture.read('speedRange') as Uint8Array), [1, 2, 3, 4, 5, 6]);
    });

    it('send reaches the connected client, each value as it was when sent', () => {
      const fixture = makeFixture();
      fixture.connect();
      fixture.settle();
      const buffer = new Uint8Array([4, 0]);
      fixture.link.send('machineStatus', buffer.subarray(0, 1));
      buffer[0] = 2;
      buffer[1] = 1;
      fixture.link.send('machineStatus', buffer);
      fixture.settle();
      assert.deepEqual(list(fixture.received('machineStatus')), [[4], [2, 1]]);
    });

    it('control point responses sent back to back all arrive, in order', () => {
      const fixture = makeFixture();
      fixture.connect();
      fixture.settle();
      const buffer = new Uint8Array(3);
      [0x00, 0x02, 0x07].forEach((opCode) => {
        buffer[0] = 0x80;
        buffer[1] = opCode;
        buffer[2] = 0x01;
        fixture.link.send('controlPoint', buffer);
      });
      fixture.settle();
      assert.deepEqual(list(fixture.received('controlPoint')), [[0x80, 0x00, 0x01], [0x80, 0x02, 0x01], [0x80, 0x07, 0x01]]);
    });

    it('a write reaches the handler later with its bytes and the client id of the connection, never from inside a link call', () => {
      const fixture = makeFixture();
      const calls: string[] = [];
      fixture.link.onConnectionChange((connected, clientId) => calls.push((connected ? 'connect ' : 'disconnect ') + clientId));
      fixture.link.onControlPointWrite((bytes, clientId) => calls.push('write ' + Array.from(bytes).join(',') + ' from ' + clientId));
      fixture.connect();
      fixture.settle();
      fixture.write(new Uint8Array([0x02, 0xe5, 0x00]));
      fixture.link.setValue('trainingStatus', new Uint8Array([0, 1]));
      fixture.link.send('treadmillData', new Uint8Array([0, 0, 0, 0]));
      assert.equal(calls.length, 1, 'called back inside a link call: ' + calls.join('; '));
      fixture.settle();
      assert.equal(calls.length, 2);
      const clientId = calls[0].slice('connect '.length);
      assert.equal(calls[1], 'write 2,229,0 from ' + clientId);
    });

    it('connections are reported; a new connection has a new client id', () => {
      const fixture = makeFixture();
      const calls: string[] = [];
      fixture.link.onConnectionChange((connected, clientId) => calls.push((connected ? '+' : '-') + clientId));
      fixture.connect();
      fixture.settle();
      fixture.disconnect();
      fixture.settle();
      fixture.connect();
      fixture.settle();
      assert.equal(calls.length, 3);
      assert.equal(calls[1], '-' + calls[0].slice(1));
      assert.notEqual(calls[2].slice(1), calls[0].slice(1));
    });
  });
}
