// FtmsLink: the contract on the simulated link and on the Espruino link (faked NRF), and what the Espruino link asks of Espruino's Bluetooth.

import { strict as assert } from 'assert';
import { FTMS_SERVICE_UUID, FTMS_UUIDS, type FtmsCharacteristic } from '../../hal/ftms-link';
import { EspruinoClock } from '../../hal/espruino/espruino-clock';
import {
  ADVERTISED_NAME,
  EspruinoFtmsLink,
  FTMS_MAX_BYTES,
  ftmsAdvertisingData,
  INDICATION_MAX_ATTEMPTS,
  INDICATION_QUEUE_LIMIT,
  INDICATION_RETRY_MS,
  makeEspruinoFtmsLink,
  MAX_ADVERTISING_BYTES,
} from '../../hal/espruino/espruino-ftms-link';
import { EspruinoScheduler } from '../../hal/espruino/espruino-scheduler';
import { BOARD as ESP32_BOARD } from '../../hal/espruino/boards/esp32';
import { BOARD as JOLT_BOARD } from '../../hal/espruino/boards/jolt';
import { BOARD as PICO_BOARD } from '../../hal/espruino/boards/pico';
import { makeEspruinoHal } from '../../hal/espruino/make-hal';
import { SimFtmsLink } from '../../sim/ports/sim-ftms-link';
import { SimLog } from '../../sim/ports/sim-log';
import { SimScheduler } from '../../sim/sim-scheduler';
import { installFakeEspruino, type FakeEspruino } from './fake-espruino';
import { FakeNrf } from './fake-nrf';
import { describeFtmsLinkContract } from './suites/ftms-link-contract';

describe('FtmsLink', () => {
  describeFtmsLinkContract('SimFtmsLink', () => {
    const scheduler = new SimScheduler();
    const link = new SimFtmsLink(scheduler, scheduler);
    const clientId = 7;
    let connections = 0;
    return {
      link,
      connect: () => {
        connections++;
        link.connect(clientId + connections);
      },
      disconnect: () => link.disconnect(clientId + connections),
      write: (bytes) => link.write(clientId + connections, bytes),
      settle: () => scheduler.advance(0),
      read: (characteristic) => link.read(characteristic),
      received: (characteristic) => link.sent(characteristic),
    };
  });

  describe('EspruinoFtmsLink on a faked NRF', () => {
    let fake: FakeEspruino;
    let nrf: FakeNrf;
    let log: SimLog;

    function makeLink(): EspruinoFtmsLink {
      log = new SimLog(new SimScheduler());
      return new EspruinoFtmsLink(new EspruinoScheduler(new EspruinoClock(), () => undefined), log, ADVERTISED_NAME);
    }

    beforeEach(() => {
      fake = installFakeEspruino();
      nrf = new FakeNrf();
    });

    afterEach(() => {
      nrf.uninstall();
      fake.uninstall();
    });

    describeFtmsLinkContract('EspruinoFtmsLink', () => {
      const link = makeLink();
      const queued: (() => void)[] = [];
      return {
        link,
        connect: () => queued.push(() => nrf.connect()),
        disconnect: () => queued.push(() => nrf.disconnect()),
        write: (bytes) => queued.push(() => nrf.write(FTMS_SERVICE_UUID, FTMS_UUIDS.controlPoint, Array.from(bytes))),
        settle: () => {
          queued.splice(0, queued.length).forEach((action) => action());
          // The client confirms each indication; the link offers the next after its retry time.
          for (let round = 0; round < 10; round++) {
            nrf.confirmIndication();
            fake.clock.tick(INDICATION_RETRY_MS);
          }
        },
        read: (characteristic) => {
          const value = nrf.values[FTMS_UUIDS[characteristic]];
          return value === undefined ? null : new Uint8Array(value);
        },
        received: (characteristic) => nrf.received.filter((update) => update.characteristicUuid === FTMS_UUIDS[characteristic]).map((update) => new Uint8Array(update.value)),
      };
    });

    it('declares the FTMS service once by 16-bit UUIDs, each characteristic with its properties and maxLen, and keeps the console UART', () => {
      makeLink();
      assert.equal(nrf.setServicesCalls, 1);
      assert.deepEqual(Object.keys(nrf.services as object).map(Number), [0x1826]);
      const expected: { [uuid: number]: string } = {
        0x2acc: 'readable',
        0x2acd: 'notify',
        0x2ad3: 'readable notify',
        0x2ad4: 'readable',
        0x2ad5: 'readable',
        0x2ad9: 'writable indicate',
        0x2ada: 'notify',
      };
      const declared = (nrf.services as EspruinoServices)[0x1826];
      assert.deepEqual(Object.keys(declared).map(Number).sort(), Object.keys(expected).map(Number).sort());
      Object.keys(expected).forEach((key) => {
        const characteristic = declared[Number(key)];
        const properties = (['readable', 'writable', 'notify', 'indicate'] as const).filter((name) => characteristic[name] === true).join(' ');
        assert.equal(properties, expected[Number(key)], 'properties of 0x' + Number(key).toString(16));
        assert.ok(typeof characteristic.maxLen === 'number' && characteristic.maxLen > 0, 'maxLen of 0x' + Number(key).toString(16));
      });
      assert.equal(declared[0x2acc].maxLen, 8);
      assert.equal(declared[0x2acd].maxLen, 20);
      assert.ok((declared[0x2ad3].maxLen as number) >= 18, 'a backward training status is 18 bytes');
      assert.equal(typeof declared[0x2ad9].onWrite, 'function');
      assert.deepEqual(nrf.serviceOptions, { uart: true });
      (Object.keys(FTMS_UUIDS) as FtmsCharacteristic[]).forEach((characteristic) => assert.equal(declared[FTMS_UUIDS[characteristic]].maxLen, FTMS_MAX_BYTES[characteristic]));
    });

    it('advertises flags, the FTMS UUID and its service data (available, treadmill) and the name, within 31 bytes', () => {
      makeLink();
      const data = nrf.advertising as number[];
      assert.ok(data.length <= MAX_ADVERTISING_BYTES, data.length + ' bytes');
      const hex = data.map((byte) => byte.toString(16).padStart(2, '0')).join('');
      assert.ok(hex.startsWith('020106' + '03032618'), hex);
      assert.ok(hex.includes('06162618010100'), 'service data: ' + hex);
      // Every AD structure's length byte covers exactly its bytes.
      let offset = 0;
      const types: number[] = [];
      while (offset < data.length) {
        types.push(data[offset + 1]);
        offset += data[offset] + 1;
      }
      assert.equal(offset, data.length);
      assert.deepEqual(types, [0x01, 0x03, 0x16, 0x09]);
      assert.equal(String.fromCharCode(...data.slice(data.length - ADVERTISED_NAME.length)), ADVERTISED_NAME);
      assert.throws(() => ftmsAdvertisingData('a treadmill name far too long'), /at most 31/);
    });

    it('notifies with updateServices, sets read values without notifying, and passes writes with the connection id', () => {
      const link = makeLink();
      const writes: string[] = [];
      link.onControlPointWrite((bytes, clientId) => writes.push(Array.from(bytes).join(',') + '@' + clientId));
      link.setValue('feature', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
      nrf.connect();
      link.send('treadmillData', new Uint8Array([0, 0, 1, 2]));
      assert.deepEqual(nrf.updates.map((update) => [update.characteristicUuid, update.notify, update.indicate]), [[0x2acc, false, false], [0x2acd, true, false]]);
      nrf.write(FTMS_SERVICE_UUID, FTMS_UUIDS.controlPoint, [0x00]);
      nrf.disconnect();
      nrf.connect();
      nrf.write(FTMS_SERVICE_UUID, FTMS_UUIDS.controlPoint, [0x07]);
      assert.deepEqual(writes, ['0@1', '7@2']);
    });

    it('queues control point indications one at a time until the client confirms each', () => {
      const link = makeLink();
      nrf.connect();
      link.send('controlPoint', new Uint8Array([0x80, 0x00, 0x01]));
      link.send('controlPoint', new Uint8Array([0x80, 0x02, 0x01]));
      link.send('controlPoint', new Uint8Array([0x80, 0x07, 0x04]));
      assert.equal(nrf.received.length, 1, 'only one indication in flight');
      assert.equal(link.pendingIndications(), 2);
      fake.clock.tick(5 * INDICATION_RETRY_MS);
      assert.equal(nrf.received.length, 1, 'not before the confirmation');
      nrf.confirmIndication();
      fake.clock.tick(INDICATION_RETRY_MS);
      assert.equal(nrf.received.length, 2);
      nrf.confirmIndication();
      fake.clock.tick(INDICATION_RETRY_MS);
      assert.deepEqual(nrf.received.map((update) => update.value), [[0x80, 0x00, 0x01], [0x80, 0x02, 0x01], [0x80, 0x07, 0x04]]);
      assert.equal(link.pendingIndications(), 0);
    });

    it('an unconfirmed indication is given up after its attempts; the queue is bounded and cleared on disconnect', () => {
      const link = makeLink();
      nrf.connect();
      for (let index = 0; index < INDICATION_QUEUE_LIMIT + 3; index++) link.send('controlPoint', new Uint8Array([0x80, index, 0x01]));
      assert.equal(link.pendingIndications(), INDICATION_QUEUE_LIMIT, 'one taken, the rest waiting up to the limit');
      assert.ok(log.contains('response dropped'));
      fake.clock.tick(INDICATION_MAX_ATTEMPTS * INDICATION_RETRY_MS);
      assert.equal(link.pendingIndications(), INDICATION_QUEUE_LIMIT - 1);
      assert.ok(log.contains('not confirmed'));
      nrf.disconnect();
      assert.equal(link.pendingIndications(), 0);
      fake.clock.tick(10 * INDICATION_RETRY_MS);
      assert.equal(nrf.received.length, 1);
    });

    it('make-hal makes the link only for a board with Bluetooth, and only when the entry passes its maker', () => {
      assert.equal(JOLT_BOARD.bluetooth, true);
      assert.equal(ESP32_BOARD.bluetooth, true);
      assert.ok(makeEspruinoHal(JOLT_BOARD, undefined, makeEspruinoFtmsLink).ftms instanceof EspruinoFtmsLink);
      assert.equal(nrf.setServicesCalls, 1);
      assert.equal(makeEspruinoHal(JOLT_BOARD).ftms, undefined);
      assert.equal(makeEspruinoHal(PICO_BOARD, undefined, makeEspruinoFtmsLink).ftms, undefined);
      assert.equal(nrf.setServicesCalls, 1);
    });

    it('a notification the radio refuses is dropped without a throw, and the next one goes', () => {
      const link = makeLink();
      nrf.connect();
      nrf.failNotifications = true;
      assert.doesNotThrow(() => link.send('machineStatus', new Uint8Array([0x04])));
      assert.equal(link.failedSends, 1);
      nrf.failNotifications = false;
      link.send('machineStatus', new Uint8Array([0x02, 0x01]));
      assert.deepEqual(nrf.received.map((update) => update.value), [[0x02, 0x01]]);
    });
  });
});
