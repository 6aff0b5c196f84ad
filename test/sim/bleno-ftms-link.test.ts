// BlenoFtmsLink (npm start -- --ble) on a faked bleno: the service's shape against the board's link, the FtmsLink contract, the firmware answering a central through it, and the messages when bleno or an adapter is missing.

import { strict as assert } from 'assert';
import type { FtmsCharacteristic } from '../../hal/ftms-link';
import { EspruinoClock } from '../../hal/espruino/espruino-clock';
import { ADVERTISED_NAME, EspruinoFtmsLink, FTMS_MAX_BYTES, ftmsAdvertisingData, MAX_ADVERTISING_BYTES } from '../../hal/espruino/espruino-ftms-link';
import { FTMS_UUIDS } from '../../hal/ftms-link';
import { EspruinoScheduler } from '../../hal/espruino/espruino-scheduler';
import {
  advertiseFtms,
  ATT_CCCD_IMPROPERLY_CONFIGURED,
  BLE_SIM_NAME,
  BleUnavailable,
  BlenoFtmsLink,
  FTMS_PROPERTIES,
  INDICATION_TIMEOUT_MS,
  loadBleno,
  waitForPoweredOn,
} from '../../sim/cli/bleno-ftms-link';
import { SimLog } from '../../sim/ports/sim-log';
import { SimScheduler } from '../../sim/sim-scheduler';
import { FakeNrf } from '../contract/fake-nrf';
import { installFakeEspruino } from '../contract/fake-espruino';
import { describeFtmsLinkContract } from '../contract/suites/ftms-link-contract';
import { advance, makeFaultRig, startAndRun, variant, type FaultRig } from '../faults/fault-rig';
import { FakeBleno } from './fake-bleno';

const CONTROL_POINT = '2ad9';
const TREADMILL_DATA = '2acd';
const MACHINE_STATUS = '2ada';

function uuidOf(characteristic: FtmsCharacteristic): string {
  return FTMS_UUIDS[characteristic].toString(16);
}

/** A link on a fresh fake bleno, its service set. */
function makeLink(): { bleno: FakeBleno; scheduler: SimScheduler; log: SimLog; link: BlenoFtmsLink } {
  const bleno = new FakeBleno();
  const scheduler = new SimScheduler();
  const log = new SimLog(scheduler);
  const link = new BlenoFtmsLink(bleno, scheduler, log);
  bleno.setServices([link.service], () => undefined);
  return { bleno, scheduler, log, link };
}

/** A central that connects and enables every notification and indication, as FTMS apps do. */
function connectApp(bleno: FakeBleno, handle: number): void {
  bleno.connect(handle);
  (Object.keys(FTMS_PROPERTIES) as FtmsCharacteristic[]).forEach((characteristic) => {
    const properties = FTMS_PROPERTIES[characteristic];
    if (properties.indexOf('notify') >= 0 || properties.indexOf('indicate') >= 0) bleno.subscribe(handle, uuidOf(characteristic));
  });
}

/** The full firmware on the simulated treadmill, its hal.ftms a BlenoFtmsLink on a fake bleno. */
function makeBlenoRig(): { rig: FaultRig; bleno: FakeBleno; link: BlenoFtmsLink; log: SimLog } {
  const bleno = new FakeBleno();
  let link: BlenoFtmsLink | null = null;
  let log: SimLog | null = null;
  const rig = makeFaultRig(variant({}), {}, (hal) => {
    log = hal.log as SimLog;
    link = new BlenoFtmsLink(bleno, hal.scheduler, hal.log);
    hal.ftms = link;
  });
  if (link === null) throw new Error('no link made');
  bleno.setServices([(link as BlenoFtmsLink).service], () => undefined);
  return { rig, bleno, link: link as BlenoFtmsLink, log: log as unknown as SimLog };
}

/** Write `hex` to the control point as `handle`, let the firmware decide, confirm, and return what was indicated since (hex). */
function writeControlPoint(rig: FaultRig, bleno: FakeBleno, handle: number, hex: string): string[] {
  const before = bleno.receivedHex(handle, CONTROL_POINT).length;
  const bytes = (hex.match(/../g) as string[]).map((pair) => parseInt(pair, 16));
  assert.equal(bleno.write(handle, CONTROL_POINT, bytes), 0, 'write acknowledged');
  advance(rig, 0);
  const answers = bleno.receivedHex(handle, CONTROL_POINT).slice(before);
  answers.forEach(() => bleno.confirm(handle, CONTROL_POINT));
  return answers;
}

describe('BlenoFtmsLink (npm start -- --ble) on a faked bleno', () => {
  it('serves the FTMS primary service 0x1826 with the board link\'s seven characteristics: UUIDs and properties', () => {
    const { bleno } = makeLink();
    assert.equal(bleno.services.length, 1);
    assert.equal(bleno.services[0].uuid, '1826');
    const declared: { [uuid: string]: string } = {};
    bleno.services[0].characteristics.forEach((characteristic) => {
      declared[characteristic.options.uuid] = characteristic.options.properties.slice().sort().join(' ');
    });
    // The Espruino link's declaration on a faked NRF, in bleno's words.
    const fake = installFakeEspruino();
    const nrf = new FakeNrf();
    try {
      new EspruinoFtmsLink(new EspruinoScheduler(new EspruinoClock(), () => undefined), new SimLog(new SimScheduler()), ADVERTISED_NAME);
      const board = (nrf.services as EspruinoServices)[0x1826];
      const expected: { [uuid: string]: string } = {};
      Object.keys(board).forEach((key) => {
        const characteristic = board[Number(key)];
        const properties: string[] = [];
        if (characteristic.readable === true) properties.push('read');
        if (characteristic.writable === true) properties.push('write');
        if (characteristic.notify === true) properties.push('notify');
        if (characteristic.indicate === true) properties.push('indicate');
        expected[Number(key).toString(16)] = properties.sort().join(' ');
      });
      assert.deepEqual(declared, expected);
    } finally {
      nrf.uninstall();
      fake.uninstall();
    }
    assert.deepEqual(declared, { '2acc': 'read', '2acd': 'notify', '2ad3': 'notify read', '2ad4': 'read', '2ad5': 'read', '2ad9': 'indicate write', '2ada': 'notify' });
  });

  describeFtmsLinkContract('BlenoFtmsLink', () => {
    const { bleno, scheduler, link } = makeLink();
    let handle = 0x40;
    return {
      link,
      connect: () => connectApp(bleno, ++handle),
      disconnect: () => bleno.drop(handle),
      write: (bytes) => assert.equal(bleno.write(handle, CONTROL_POINT, Array.from(bytes)), 0),
      settle: () => {
        scheduler.advance(0);
        // The central confirms each indication; the link then sends the next.
        for (let round = 0; round < 10; round++) bleno.confirm(handle, CONTROL_POINT);
      },
      read: (characteristic) => {
        const answer = bleno.read(handle, uuidOf(characteristic));
        return answer.bytes.length === 0 ? null : new Uint8Array(answer.bytes);
      },
      received: (characteristic) => bleno.received.filter((entry) => entry.handle === handle && entry.uuid === uuidOf(characteristic)).map((entry) => new Uint8Array(entry.bytes)),
    };
  });

  it('a write reaches the firmware on the simulated treadmill and its answer comes back on the control point: control, a refused start, a speed', () => {
    const { rig, bleno } = makeBlenoRig();
    connectApp(bleno, 0x41);
    advance(rig, 4000);
    assert.deepEqual(writeControlPoint(rig, bleno, 0x41, '00'), ['800001'], 'request control: success');
    assert.deepEqual(writeControlPoint(rig, bleno, 0x41, '07'), ['800705'], 'start without a local arming: control not permitted');
    assert.equal(rig.firmware.status().state, 'idle');
    startAndRun(rig);
    advance(rig, 1000);
    assert.deepEqual(writeControlPoint(rig, bleno, 0x41, '02e500'), ['800201'], 'set speed 2.29 km/h: success');
    assert.equal(rig.firmware.status().targetSpeedKph, 2.3);
    assert.ok(bleno.receivedHex(0x41, MACHINE_STATUS).indexOf('05e600') >= 0, 'target speed status 2.30 km/h: ' + bleno.receivedHex(0x41, MACHINE_STATUS).join(' '));
  });

  it('reads return the values the firmware set at boot, from an offset too', () => {
    const { bleno } = makeBlenoRig();
    bleno.connect(0x41);
    const feature = bleno.read(0x41, '2acc');
    assert.equal(feature.result, 0);
    assert.equal(feature.bytes.length, 8);
    assert.deepEqual(bleno.read(0x41, '2acc', 3).bytes, feature.bytes.slice(3));
    assert.equal(bleno.read(0x41, '2acc', 9).result, 0x07, 'an offset past the value: invalid offset');
    assert.equal(bleno.read(0x41, '2ad4').bytes.length, 6);
  });

  it('notifies only the clients subscribed to a characteristic', () => {
    const { rig, bleno } = makeBlenoRig();
    connectApp(bleno, 0x41);
    bleno.connect(0x42);
    bleno.subscribe(0x42, MACHINE_STATUS);
    advance(rig, 3000);
    assert.ok(bleno.receivedHex(0x41, TREADMILL_DATA).length >= 2, 'the subscribed client gets data each second');
    assert.deepEqual(bleno.receivedHex(0x42, TREADMILL_DATA), [], 'the other did not subscribe to data');
    bleno.unsubscribe(0x41, TREADMILL_DATA);
    const before = bleno.receivedHex(0x41, TREADMILL_DATA).length;
    advance(rig, 3000);
    assert.equal(bleno.receivedHex(0x41, TREADMILL_DATA).length, before, 'nothing after unsubscribing');
  });

  it('refuses a control point write from a client without indications enabled (0xFD), and one longer than maxLen, and the firmware never sees them', () => {
    const { bleno, scheduler, link } = makeLink();
    const writes: string[] = [];
    link.onControlPointWrite((bytes) => writes.push(Array.from(bytes).join(',')));
    bleno.connect(0x41);
    assert.equal(bleno.write(0x41, CONTROL_POINT, [0x00]), ATT_CCCD_IMPROPERLY_CONFIGURED);
    bleno.subscribe(0x41, CONTROL_POINT);
    assert.equal(bleno.write(0x41, CONTROL_POINT, new Array(FTMS_MAX_BYTES.controlPoint + 1).fill(0)), 0x0d);
    assert.equal(bleno.write(0x41, CONTROL_POINT, [0x00], 1), 0x07);
    scheduler.advance(0);
    assert.deepEqual(writes, []);
    assert.equal(bleno.write(0x41, CONTROL_POINT, [0x00]), 0);
    assert.deepEqual(writes, [], 'not from inside the write request');
    scheduler.advance(0);
    assert.deepEqual(writes, ['0']);
  });

  it('indicates control point answers one at a time, to the client that wrote, each after the last is confirmed (or given up)', () => {
    const { bleno, scheduler, link, log } = makeLink();
    link.onControlPointWrite(() => {
      link.send('controlPoint', new Uint8Array([0x80, 0x00, 0x01]));
      link.send('controlPoint', new Uint8Array([0x80, 0x07, 0x05]));
      link.send('controlPoint', new Uint8Array([0x80, 0x08, 0x04]));
    });
    connectApp(bleno, 0x41);
    connectApp(bleno, 0x42);
    bleno.write(0x42, CONTROL_POINT, [0x00]);
    scheduler.advance(0);
    assert.deepEqual(bleno.receivedHex(0x42, CONTROL_POINT), ['800001']);
    assert.equal(link.pendingIndications(), 3);
    bleno.confirm(0x41, CONTROL_POINT);
    assert.deepEqual(bleno.receivedHex(0x42, CONTROL_POINT), ['800001'], 'another client\'s confirmation does not count');
    bleno.confirm(0x42, CONTROL_POINT);
    assert.deepEqual(bleno.receivedHex(0x42, CONTROL_POINT), ['800001', '800705']);
    scheduler.advance(INDICATION_TIMEOUT_MS);
    assert.ok(log.contains('not confirmed'));
    assert.deepEqual(bleno.receivedHex(0x42, CONTROL_POINT), ['800001', '800705', '800804']);
    assert.deepEqual(bleno.receivedHex(0x41, CONTROL_POINT), [], 'nothing to the client that did not write');
  });

  it('a disconnect is reported later with the client id, drops its subscriptions and its waiting answers; the firmware releases control', () => {
    const { rig, bleno, link, log } = makeBlenoRig();
    const seen = () => log.lines.filter((line) => /ftms: client \d+ (dis)?connected/.test(line)).map((line) => (line.match(/client \d+ \w+/) as string[])[0]);
    connectApp(bleno, 0x41);
    advance(rig, 4000);
    assert.deepEqual(writeControlPoint(rig, bleno, 0x41, '00'), ['800001']);
    connectApp(bleno, 0x42);
    advance(rig, 0);
    assert.deepEqual(writeControlPoint(rig, bleno, 0x42, '00'), ['800005'], 'control held by the first client');
    assert.deepEqual(seen(), ['client 1 connected', 'client 2 connected']);
    bleno.drop(0x41);
    assert.equal(seen().length, 2, 'not from inside bleno\'s event');
    assert.equal(link.connectedClients(), 1);
    advance(rig, 0);
    assert.deepEqual(seen().slice(2), ['client 1 disconnected']);
    const dataBefore = bleno.receivedHex(0x41, TREADMILL_DATA).length;
    advance(rig, 3000);
    assert.equal(bleno.receivedHex(0x41, TREADMILL_DATA).length, dataBefore, 'nothing to a gone client');
    assert.deepEqual(writeControlPoint(rig, bleno, 0x42, '00'), ['800001'], 'control was released by the disconnect');
    // A reconnection on the same handle is a new client.
    connectApp(bleno, 0x41);
    advance(rig, 0);
    assert.deepEqual(seen().slice(2), ['client 1 disconnected', 'client 3 connected']);
  });

  it('a reboot drops every client (bleno.disconnect) and forgets them', () => {
    const { bleno, link } = makeLink();
    connectApp(bleno, 0x41);
    assert.equal(link.connectedClients(), 1);
    link.dropConnections();
    assert.equal(bleno.disconnectCalls, 1);
    assert.equal(link.connectedClients(), 0);
  });

  it('advertises the board\'s bytes with the simulator\'s name on Linux (FTMS UUID and service data), name and UUID on macOS', async () => {
    const linux = makeLink();
    await advertiseFtms(linux.bleno, linux.link, BLE_SIM_NAME, 'linux');
    const data = linux.bleno.advertisingData as number[];
    assert.deepEqual(data, ftmsAdvertisingData(BLE_SIM_NAME));
    assert.ok(data.length <= MAX_ADVERTISING_BYTES);
    const hex = data.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    assert.ok(hex.startsWith('020106' + '03032618'), hex);
    assert.ok(hex.includes('06162618010100'), 'service data: ' + hex);
    assert.ok(hex.endsWith(Buffer.from('retrotread-sim').toString('hex')), hex);
    const mac = makeLink();
    await advertiseFtms(mac.bleno, mac.link, BLE_SIM_NAME, 'darwin');
    assert.equal(mac.bleno.advertisedName, 'retrotread-sim');
    assert.deepEqual(mac.bleno.advertisedUuids, ['1826']);
    const failing = makeLink();
    failing.bleno.failServices = 'busy';
    await assert.rejects(advertiseFtms(failing.bleno, failing.link, BLE_SIM_NAME, 'linux'), (error: Error) => error instanceof BleUnavailable && /could not set the FTMS service: busy/.test(error.message));
  });

  describe('when bleno or an adapter is missing', () => {
    function oneLine(error: Error): void {
      assert.ok(error instanceof BleUnavailable, String(error));
      assert.ok(error.message.indexOf('\n') < 0, 'one line: ' + error.message);
    }

    it('the module does not load: one line naming the package and how to install it', () => {
      const missing = () => {
        throw new Error("Cannot find module '@stoprocent/bleno'\nRequire stack:\n- start.ts");
      };
      assert.throws(
        () => loadBleno(missing),
        (error: Error) => {
          oneLine(error);
          assert.match(error.message, /optional package @stoprocent\/bleno.*Cannot find module.*npm install @stoprocent\/bleno/);
          return true;
        },
      );
      const fake = new FakeBleno();
      assert.equal(
        loadBleno((name) => (name === '@stoprocent/bleno' ? fake : null)),
        fake,
      );
    });

    it('unsupported (no adapter): one line with BLENO_HCI_DEVICE_ID; unauthorized: the setcap command', async () => {
      const unsupported = new FakeBleno();
      const startedMs = Date.now();
      const waiting = waitForPoweredOn(unsupported, 1500);
      unsupported.setState('unsupported');
      await assert.rejects(waiting, (error: Error) => {
        oneLine(error);
        return /no Bluetooth LE adapter found.*BLENO_HCI_DEVICE_ID/.test(error.message);
      });
      assert.ok(Date.now() - startedMs < 500, 'reported at once, not after the wait');
      const unauthorized = new FakeBleno();
      const refused = waitForPoweredOn(unauthorized, 1500);
      unauthorized.setState('unauthorized');
      await assert.rejects(refused, (error: Error) => {
        oneLine(error);
        return error.message.includes('sudo setcap cap_net_raw+eip $(eval readlink -f $(which node))');
      });
      assert.ok(Date.now() - startedMs < 500, 'reported at once, not after the wait');
    });

    it('an adapter that stays off is reported after the wait; one that powers on is taken, and bleno\'s console lines are kept quiet meanwhile', async () => {
      const off = new FakeBleno();
      const waiting = waitForPoweredOn(off, 20);
      off.setState('poweredOff');
      await assert.rejects(waiting, (error: Error) => {
        oneLine(error);
        return /adapter is off/.test(error.message);
      });
      const on = new FakeBleno();
      const logged: unknown[] = [];
      const consoleLog = console.log;
      console.log = (...args: unknown[]) => logged.push(args);
      try {
        const ready = waitForPoweredOn(on, 1000, true);
        console.log('Bleno warning: something');
        on.setState('poweredOn');
        await ready;
        console.log('after');
      } finally {
        console.log = consoleLog;
      }
      assert.deepEqual(logged, [['after']]);
    });
  });
});
