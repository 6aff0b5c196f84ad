// The duty-calibration routine: the monotone map, and in the simulator the stored map against each drive's true speed.

import assert from 'node:assert/strict';
import { buildDutyMap, mapSpeedKph } from '../../firmware/core/duty-calibration';
import { loadCalibration, saveCalibration } from '../../firmware/persistence/calibration-record';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimDriveKind } from '../../sim/sim-treadmill';
import { makeRig, type Rig } from '../closed-loop/harness';

/** The drive's true steady belt speed at `duty`, empty belt, read straight off the sim model (no firmware), km/h. */
function trueSteadySpeedKph(drive: SimDriveKind, duty: number): number {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { drive: drive, walkerMode: 'off' }));
  sim.motorEnable.write(true);
  sim.motorSpeed.write(duty);
  scheduler.advance(20000);
  return sim.beltSpeedKph();
}

/** Run a calibration to its end (or `limitMs`), checking on every 100 ms that it never exceeds its bounds. */
function runCalibration(rig: Rig, limitMs: number, capKph: number, maxDuty: number): void {
  const endMs = rig.scheduler.nowMs() + limitMs;
  while (rig.firmware.calibrating() && rig.scheduler.nowMs() < endMs) {
    rig.scheduler.advance(100);
    assert.ok(rig.sim.motorDuty() <= maxDuty + 1e-9, 'duty ' + rig.sim.motorDuty());
    assert.ok(rig.sim.beltSpeedKph() <= capKph + 0.3, 'belt at ' + rig.sim.beltSpeedKph() + ' km/h');
    assert.ok(rig.sim.beltSpeedKph() >= -0.01, 'forward only');
  }
}

describe('duty-to-speed map', function () {
  it('keeps only points that rise in speed, from the dead band up', function () {
    const map = buildDutyMap(
      [
        { duty: 0.15, speedKph: 1.2 },
        { duty: 0.2, speedKph: 2.4 },
        { duty: 0.25, speedKph: 2.3 },
        { duty: 0.3, speedKph: 4.6 },
        { duty: 0.35, speedKph: 4.6 },
      ],
      0.1,
    );
    assert.deepEqual(map, [
      { speedKph: 0, duty: 0.1 },
      { speedKph: 1.2, duty: 0.15 },
      { speedKph: 2.4, duty: 0.2 },
      { speedKph: 4.6, duty: 0.3 },
    ]);
  });

  it('drops moving points below the dead band and refuses a map with fewer than two moving points', function () {
    assert.deepEqual(buildDutyMap([{ duty: 0.05, speedKph: 0.4 }, { duty: 0.15, speedKph: 1.2 }, { duty: 0.2, speedKph: 2.4 }], 0.1), [
      { speedKph: 0, duty: 0.1 },
      { speedKph: 1.2, duty: 0.15 },
      { speedKph: 2.4, duty: 0.2 },
    ]);
    assert.equal(buildDutyMap([{ duty: 0.15, speedKph: 1.2 }], 0.1), null);
    assert.equal(buildDutyMap([], 0), null);
  });

  it('reads the map backwards (speed at a duty), flat beyond its ends', function () {
    const map = [
      { speedKph: 0, duty: 0.1 },
      { speedKph: 2, duty: 0.2 },
      { speedKph: 6, duty: 0.4 },
    ];
    assert.equal(mapSpeedKph(map, 0.05), 0);
    assert.ok(Math.abs(mapSpeedKph(map, 0.15) - 1) < 1e-9);
    assert.ok(Math.abs(mapSpeedKph(map, 0.3) - 4) < 1e-9);
    assert.equal(mapSpeedKph(map, 0.9), 6);
  });
});

describe('duty calibration in the simulator', function () {
  (['mc2100', 'hbridge'] as SimDriveKind[]).forEach(function (drive) {
    it('recovers the ' + drive + ' drive\'s true empty-belt speeds within 2 %, without a fault, and stores them', function () {
      const rig = makeRig({ drive: drive, walkerMode: 'off' }, {});
      rig.scheduler.advance(100);
      const result = rig.firmware.command({ name: 'calibrate', source: 'local' });
      assert.equal(result.accepted, true, result.message);
      assert.ok(result.message.indexOf('NOBODY') >= 0);
      assert.equal(rig.firmware.status().state, 'countdown');
      runCalibration(rig, 400000, 16, 0.85);
      assert.equal(rig.firmware.calibrating(), false);
      assert.equal(rig.firmware.status().fault, null, rig.firmware.status().reason);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.ok(rig.firmware.calibrationOutcome().indexOf('calibration complete') === 0, rig.firmware.calibrationOutcome());
      const stored = loadCalibration(rig.sim.storage, rig.sim.log);
      const map = stored.dutyMap;
      assert.ok(map !== null && map.length >= 10, JSON.stringify(map));
      let worst = 0;
      map.forEach(function (point, index) {
        if (index > 0) {
          assert.ok(point.speedKph > map[index - 1].speedKph && point.duty >= map[index - 1].duty, 'monotone at ' + index);
        }
        const trueKph = trueSteadySpeedKph(drive, point.duty);
        if (point.speedKph === 0) {
          assert.ok(trueKph < 0.05, 'the dead band point at ' + point.duty + ' moves at ' + trueKph);
          return;
        }
        const error = Math.abs(point.speedKph - trueKph) / trueKph;
        worst = Math.max(worst, error);
        assert.ok(error < 0.02, drive + ' at duty ' + point.duty + ': stored ' + point.speedKph + ' km/h, true ' + trueKph.toFixed(3));
      });
      assert.ok(worst > 0, 'compared some points');
      // The stored map is used at the next boot.
      const again = makeRig({ drive: drive }, {});
      assert.ok(again !== null);
    });
  });

  it('keeps a stored belt distance per pulse when it stores the duty map', function () {
    const rig = makeRig({ drive: 'hbridge', walkerMode: 'off' }, {});
    saveCalibration(rig.sim.storage, rig.sim.log, { metersPerPulse: 0.3, dutyMap: null });
    rig.firmware.command({ name: 'calibrate', source: 'local' });
    runCalibration(rig, 400000, 16, 0.85);
    const stored = loadCalibration(rig.sim.storage, rig.sim.log);
    assert.equal(stored.metersPerPulse, 0.3);
    assert.ok(stored.dutyMap !== null);
  });

  it('never steps past a lower forward cap', function () {
    const rig = makeRig({ drive: 'hbridge', walkerMode: 'off' }, { forward: { maxSpeedKph: 8 } });
    rig.firmware.command({ name: 'calibrate', source: 'local' });
    runCalibration(rig, 400000, 8, 0.85);
    const map = loadCalibration(rig.sim.storage, rig.sim.log).dutyMap;
    assert.ok(map !== null);
    assert.ok(map[map.length - 1].speedKph <= 8, JSON.stringify(map));
    assert.ok(map[map.length - 1].speedKph > 6, 'went up close to the cap: ' + JSON.stringify(map));
  });

  it('never steps past a lower maxDuty', function () {
    const dutyMap = [
      { speedKph: 0, duty: 0 },
      { speedKph: 2, duty: 0.2 },
      { speedKph: 8, duty: 0.47 },
    ];
    const rig = makeRig({ drive: 'mc2100', walkerMode: 'off' }, { maxDuty: 0.5, dutyMap: dutyMap });
    rig.firmware.command({ name: 'calibrate', source: 'local' });
    runCalibration(rig, 400000, 16, 0.5);
    const map = loadCalibration(rig.sim.storage, rig.sim.log).dutyMap;
    assert.ok(map !== null);
    assert.equal(map[map.length - 1].duty, 0.5);
  });

  const aborts: { name: string; act: (rig: Rig) => void; state: string }[] = [
    { name: 'a key pull', act: (rig) => rig.sim.pullKey(), state: 'fault' },
    { name: 'a stop', act: (rig) => rig.firmware.command({ name: 'stop', source: 'local' }), state: 'idle' },
    { name: 'a fault (encoder cut)', act: (rig) => rig.sim.injectFault('encoderDisconnected'), state: 'fault' },
    { name: 'a direction change', act: (rig) => rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }), state: 'idle' },
  ];
  aborts.forEach(function (abort) {
    it(abort.name + ' aborts it and stores nothing', function () {
      const rig = makeRig({ drive: 'mc2100', walkerMode: 'off' }, {});
      rig.firmware.command({ name: 'calibrate', source: 'local' });
      rig.scheduler.advance(40000);
      assert.equal(rig.firmware.calibrating(), true);
      assert.ok(rig.firmware.status().duty > 0);
      abort.act(rig);
      rig.scheduler.advance(30000);
      assert.equal(rig.firmware.calibrating(), false);
      assert.equal(rig.firmware.status().state, abort.state);
      assert.ok(rig.firmware.calibrationOutcome().indexOf('aborted') >= 0, rig.firmware.calibrationOutcome());
      assert.equal(loadCalibration(rig.sim.storage, rig.sim.log).dutyMap, null);
      assert.equal(rig.sim.motorDuty(), 0);
    });
  });

  it('a stop during the countdown cancels it, and speed commands are refused while it runs', function () {
    const rig = makeRig({ drive: 'mc2100', walkerMode: 'off' }, {});
    rig.firmware.command({ name: 'calibrate', source: 'local' });
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 3 }).accepted, false);
    rig.firmware.command({ name: 'stop', source: 'local' });
    rig.scheduler.advance(5000);
    assert.equal(rig.firmware.calibrating(), false);
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(rig.sim.motorEnabled(), false);
  });

  it('is refused from a remote client, without the key, backward, or when not idle', function () {
    const remote = makeRig({ walkerMode: 'off' }, {});
    assert.equal(remote.firmware.command({ name: 'calibrate', source: 'remote' }).accepted, false);
    const noKey = makeRig({ walkerMode: 'off', keyPresent: false }, {});
    assert.equal(noKey.firmware.command({ name: 'calibrate', source: 'local' }).accepted, false);
    const backward = makeRig({ walkerMode: 'off' }, {});
    backward.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    backward.scheduler.advance(3000);
    const refused = backward.firmware.command({ name: 'calibrate', source: 'local' });
    assert.equal(refused.accepted, false);
    assert.ok(refused.message.indexOf('forward only') >= 0, refused.message);
    const running = makeRig({ walkerMode: 'off' }, {});
    running.firmware.command({ name: 'start', source: 'local' });
    const busy = running.firmware.command({ name: 'calibrate', source: 'local' });
    assert.equal(busy.accepted, false);
    assert.ok(busy.message.indexOf('only from idle') >= 0, busy.message);
    [remote, noKey, backward, running].forEach(function (rig) {
      assert.equal(rig.firmware.calibrating(), false);
    });
  });
});
