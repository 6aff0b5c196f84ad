// Shows that each example scenario of issue 15 fails when the behaviour it guards is broken: the real firmware passes, deliberately broken variants fail.

import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { bootTreadmill } from '../../firmware/index';
import type { DigitalIn, EdgeEvent } from '../../hal/digital-in';
import type { FtmsLink } from '../../hal/ftms-link';
import type { PulseReading } from '../../hal/pulse-counter';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { runScenario, type ScenarioResult } from '../../sim/scenario/run-scenario';
import type { BootFirmware } from '../../sim/scenario/sim-session';

const SCENARIO_DIRECTORY = join(__dirname, '..', '..', 'sim', 'scenarios');

function runFile(name: string, boot: BootFirmware): ScenarioResult {
  return runScenario(parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIRECTORY, name), 'utf8'))), boot);
}

/** Assert the verdict is FAIL and some failure line contains each of `texts`. */
function assertFailsWith(result: ScenarioResult, texts: string[]): void {
  assert.equal(result.passed, false, 'the broken firmware passed');
  texts.forEach((text) => {
    assert.ok(
      result.failures.some((failure) => failure.indexOf(text) >= 0),
      'no failure mentions "' + text + '": ' + result.failures.join(' | '),
    );
  });
}

/** Boots the real firmware on a HAL changed by `change` first (a broken port, a broken filter). */
function withHal(change: (hal: TreadmillHal) => TreadmillHal): BootFirmware {
  return (hal, overrides, machine) => bootTreadmill(change(hal), overrides, machine);
}

/** Boots the real firmware after `before` has run on the HAL (a broken boot step in front of the real one). */
function after(before: (hal: TreadmillHal) => object | void): BootFirmware {
  return (hal, overrides, machine) => {
    const extra = before(hal);
    return bootTreadmill(hal, Object.assign({}, overrides, extra || {}), machine);
  };
}

/** The real firmware, plus `onKeyInserted` run (with it) on every key-in edge: a firmware that acts on insertion. */
function actingOnKeyInsertion(onKeyInserted: (firmware: ReturnType<typeof bootTreadmill>) => void): BootFirmware {
  return (hal, overrides, machine) => {
    const firmware = bootTreadmill(hal, overrides, machine);
    hal.safetyKey.watch((edge: EdgeEvent) => {
      if (edge.active) onKeyInserted(firmware);
    });
    return firmware;
  };
}

describe('example scenarios fail when the behaviour they guard is broken (issue 15)', () => {
  describe('power-loss-coasting.json', () => {
    it('passes with the real firmware', () => {
      const result = runFile('power-loss-coasting.json', bootTreadmill);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.powerLosses, 1);
    });

    it('fails for a firmware that resumes the session when power returns', () => {
      // It presses start for the user after a cut session, again and again until the firmware takes it.
      const resuming: BootFirmware = (hal, overrides, machine) => {
        const cutSession = hal.storage.read('rt.session') !== undefined;
        const firmware = bootTreadmill(hal, overrides, machine);
        if (cutSession) {
          const retry = hal.scheduler.every(200, () => {
            if (firmware.command({ name: 'start', source: 'local' }).accepted) retry.cancel();
          });
        }
        return firmware;
      };
      assertFailsWith(runFile('power-loss-coasting.json', resuming), ['steps[8] throughout', 'the motor is never driven by itself', 'motorEnabled: expected false, got true']);
    });

    it('fails for a firmware blind to a belt that moves at boot', () => {
      // After the cut its encoder input reads nothing: the coasting belt is neither measured nor a reason to refuse a start.
      const blind = withHal((hal) => {
        if (hal.storage.read('rt.session') === undefined) return hal;
        const deadCounter = {
          read: (into: PulseReading) => {
            into.count = 0;
            into.lastPulseMs = -1;
            into.rejectedCount = 0;
            into.overflowed = false;
          },
        };
        return Object.assign({}, hal, { beltEncoder: deadCounter });
      });
      assertFailsWith(runFile('power-loss-coasting.json', blind), ['the firmware measures the coasting belt']);
    });
  });

  describe('boot-corrupt-storage.json', () => {
    it('passes with the real firmware', () => {
      assert.deepEqual(runFile('boot-corrupt-storage.json', bootTreadmill).failures, []);
    });

    it('fails for a firmware that parses its records without guarding against damage', () => {
      const naive = after((hal) => {
        hal.storage.list('rt.').forEach((name) => JSON.parse(hal.storage.read(name) as string));
      });
      assertFailsWith(runFile('boot-corrupt-storage.json', naive), ['the firmware did not boot at 0.000 s']);
    });

    it('fails for a firmware that applies a calibration record of another format', () => {
      const trusting = after((hal) => {
        const record = JSON.parse(hal.storage.read('rt.calib.a') as string) as { metersPerPulse?: unknown };
        return typeof record.metersPerPulse === 'number' ? { metersPerPulse: record.metersPerPulse } : {};
      });
      assertFailsWith(runFile('boot-corrupt-storage.json', trusting), ['the default belt distance per pulse', 'beltSpeedKph: expected']);
    });

    it('fails for a firmware that wipes the whole history when one record is damaged', () => {
      const wiping = after((hal) => {
        hal.storage.list('rt.h').forEach((name) => hal.storage.erase(name));
      });
      assertFailsWith(runFile('boot-corrupt-storage.json', wiping), ['no line containing "history: session 4 stored"']);
    });
  });

  describe('key-chatter-on-insertion.json', () => {
    it('passes with the real firmware', () => {
      assert.deepEqual(runFile('key-chatter-on-insertion.json', bootTreadmill).failures, []);
    });

    it('fails for a firmware that clears the key fault when the key goes back in', () => {
      const autoClearing = actingOnKeyInsertion((firmware) => firmware.command({ name: 'clearFault', source: 'local' }));
      assertFailsWith(runFile('key-chatter-on-insertion.json', autoClearing), ['the chatter restarts nothing and clears nothing', 'state: expected fault, got idle']);
    });

    it('fails for a firmware that restarts the belt when the key goes back in', () => {
      const restarting = actingOnKeyInsertion((firmware) => {
        firmware.command({ name: 'clearFault', source: 'local' });
        firmware.command({ name: 'start', source: 'local' });
      });
      assertFailsWith(runFile('key-chatter-on-insertion.json', restarting), ['the chatter restarts nothing and clears nothing']);
    });

    it('fails for a firmware whose key input stops following the contact after the first edge of a burst', () => {
      // A "debounce" that takes the level one edge into the chatter and then ignores the input for a second.
      const stuckDebounce = withHal((hal) => {
        const key = hal.safetyKey;
        let level = key.read();
        let edgesInBurst = 0;
        let burstStartMs = -Infinity;
        const filtered: DigitalIn = {
          read: () => level,
          watch: (onEdge) =>
            key.watch((edge: EdgeEvent) => {
              if (edge.timeMs - burstStartMs > 1000) {
                burstStartMs = edge.timeMs;
                edgesInBurst = 0;
              }
              edgesInBurst++;
              if (edgesInBurst > 2) return;
              level = edge.active;
              onEdge(edge);
            }),
        };
        return Object.assign({}, hal, { safetyKey: filtered });
      });
      assertFailsWith(runFile('key-chatter-on-insertion.json', stuckDebounce), ['steps[11] command clearFault (local) at 30.00 s: expected accepted, got refused']);
    });
  });

  describe('settings-write-cut-by-power-loss.json', () => {
    it('passes with the real firmware', () => {
      assert.deepEqual(runFile('settings-write-cut-by-power-loss.json', bootTreadmill).failures, []);
    });

    it('fails for a firmware that keeps only the newest settings slot', () => {
      const oneSlot = after((hal) => {
        if (hal.storage.read('rt.settings.b') !== undefined) hal.storage.erase('rt.settings.a');
      });
      assertFailsWith(runFile('settings-write-cut-by-power-loss.json', oneSlot), ['steps[8] command setSpeed (local, 10 km/h) at 15.00 s: expected refused, got accepted']);
    });
  });

  describe('power-up-start-on-coasting-belt.json', () => {
    it('passes with the real firmware', () => {
      const result = runFile('power-up-start-on-coasting-belt.json', bootTreadmill);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.powerLosses, 1);
    });

    it('fails for a firmware that assumes the belt stands still at power-up', () => {
      // What the firmware did before: its speed estimate started out "still since boot".
      const assuming: BootFirmware = (hal, overrides, machine) => {
        const firmware = bootTreadmill(hal, overrides, machine);
        const estimate = (firmware as unknown as { estimate: { standstillSinceMs: number; sinceMs: number } }).estimate;
        estimate.standstillSinceMs = estimate.sinceMs;
        return firmware;
      };
      assertFailsWith(runFile('power-up-start-on-coasting-belt.json', assuming), ['steps[4] command start (local) at 20.60 s: expected refused, got accepted', 'fault: expected null, got overspeed']);
    });
  });

  describe('a refusal the step does not expect', () => {
    it('fails the scenario with the real firmware and names the refusal and its answer', () => {
      const scenario = parseScenario({
        name: 'silent refusal',
        description: 'a setSpeed above the forward cap, written without expectAccepted',
        durationS: 12,
        steps: [
          { atS: 1, command: 'start' },
          { atS: 6, command: 'setSpeed', speedKph: 25, note: 'typo: meant 2.5' },
          { fromS: 6, byS: 12, within: { state: 'running' } },
        ],
      });
      const result = runScenario(scenario, bootTreadmill);
      assert.equal(result.passed, false);
      assert.equal(result.failures.length, 1, result.failures.join(' | '));
      assert.match(result.failures[0], /^steps\[1\] command setSpeed \(local, 25 km\/h\) at 6\.00 s: refused \(".+"\) \("typo: meant 2\.5"\); a refusal fails the scenario unless the step says "expectAccepted": false$/);
      assert.equal(result.summary.commandsRefused, 1);
    });

    it('fails the scenario for a refused button press with the real firmware, naming the answer', () => {
      const scenario = parseScenario({
        name: 'refused press',
        description: 'speed up pressed while idle',
        durationS: 3,
        steps: [{ atS: 1, press: 'speedUp' }],
      });
      const result = runScenario(scenario, bootTreadmill);
      assert.equal(result.summary.presses, 1);
      assert.equal(result.summary.pressesRefused, 1);
      assert.equal(result.failures.length, 1, result.failures.join(' | '));
      assert.match(result.failures[0], /^steps\[0\] press speedUp for 100 ms at 1\.00 s: refused \(".+"\); a refusal fails the scenario unless/);
    });
  });
});

/**
 * The real firmware behind a bridge that changes what reaches it over FTMS: `onWrite` sees each
 * control point write first (with the booted firmware) and returns the bytes to pass on;
 * `dropDisconnects` hides clients going away. The bridges other treadmill projects made.
 */
function behindBridge(onWrite: (bytes: Uint8Array, firmware: ReturnType<typeof bootTreadmill>) => Uint8Array, dropDisconnects: boolean): BootFirmware {
  return (hal, overrides, machine) => {
    const link = hal.ftms as FtmsLink;
    let firmware: ReturnType<typeof bootTreadmill> | null = null;
    const bridged: FtmsLink = {
      setValue: (characteristic, bytes) => link.setValue(characteristic, bytes),
      send: (characteristic, bytes) => link.send(characteristic, bytes),
      onControlPointWrite: (handler) => link.onControlPointWrite((bytes, clientId) => handler(firmware === null ? bytes : onWrite(bytes, firmware), clientId)),
      onConnectionChange: (handler) =>
        link.onConnectionChange((connected, clientId) => {
          if (connected || !dropDisconnects) handler(connected, clientId);
        }),
    };
    firmware = bootTreadmill(Object.assign({}, hal, { ftms: bridged }), overrides, machine);
    return firmware;
  };
}

/** A bridge that takes an app's Start for a start at the machine (it presses start for the app). */
const startsForTheApp = behindBridge((bytes, firmware) => {
  if (bytes.length === 1 && bytes[0] === 0x07) firmware.command({ name: 'start', source: 'local' });
  return bytes;
}, false);

describe('FTMS example scenarios fail when the behaviour they guard is broken (issue 13)', () => {
  ['ftms-app-forward-session.json', 'ftms-start-refused-without-arming.json', 'ftms-key-pull-while-app-controls.json', 'ftms-disconnect-mid-run.json', 'ftms-backward-incline-sign.json'].forEach((name) => {
    it(name + ' passes with the real firmware', () => {
      assert.deepEqual(runFile(name, bootTreadmill).failures, []);
    });
  });

  it('ftms-start-refused-without-arming.json fails for a firmware that lets an app start the belt', () => {
    assertFailsWith(runFile('ftms-start-refused-without-arming.json', startsForTheApp), ['the belt never moves', 'motorEnabled: expected false, got true']);
  });

  it('ftms-key-pull-while-app-controls.json fails for a firmware where an app restarts the belt after the key is back', () => {
    assertFailsWith(runFile('ftms-key-pull-while-app-controls.json', startsForTheApp), ['steps[13] ftms start', 'the belt never moves again']);
  });

  it('ftms-disconnect-mid-run.json fails for a firmware that keeps ramping to a gone app\'s target', () => {
    const deaf = behindBridge((bytes) => bytes, true);
    assertFailsWith(runFile('ftms-disconnect-mid-run.json', deaf), ['never accelerates after the disconnect', 'steps[9] ftms setSpeed 8 km/h']);
  });

  it('ftms-backward-incline-sign.json fails for a firmware that takes the grade as the deck\'s, not the walker\'s', () => {
    // The app's sign flipped before the firmware sees it: a forward-only idea of inclination.
    const deckSigned = behindBridge((bytes) => {
      if (bytes.length !== 3 || bytes[0] !== 0x03) return bytes;
      const raw = (-(bytes[1] | (bytes[2] << 8)) << 16) >> 16;
      return new Uint8Array([0x03, raw & 0xff, (raw >> 8) & 0xff]);
    }, false);
    assertFailsWith(runFile('ftms-backward-incline-sign.json', deckSigned), ['steps[8] ftms setIncline -3 %', 'expected success, got invalidParameter', 'steps[10] ftms setIncline 3 %']);
  });

  it('ftms-app-forward-session.json fails for a firmware whose app targets are not rounded to the increment', () => {
    // A bridge that truncates to 0.1 km/h on the way in, as a careless client library would: 2.29 becomes 2.2.
    const truncating = behindBridge((bytes) => {
      if (bytes.length !== 3 || bytes[0] !== 0x02) return bytes;
      const raw = Math.floor((bytes[1] | (bytes[2] << 8)) / 10) * 10;
      return new Uint8Array([0x02, raw & 0xff, raw >> 8]);
    }, false);
    assertFailsWith(runFile('ftms-app-forward-session.json', truncating), ['targetKph: expected 2.3 ± 0.001 km/h, got 2.2']);
  });
});
