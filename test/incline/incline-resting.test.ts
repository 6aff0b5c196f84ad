// The resting lift's fast path (InclineDriver.step) skips steps without changing anything the lift does.

import assert from 'node:assert/strict';
import { InclineDriver, RESTING_FULL_STEP_MS } from '../../firmware/incline-driver';
import { makeRig, type Rig } from '../closed-loop/harness';

interface Sample {
  timeMs: number;
  up: boolean;
  down: boolean;
  measuredPct: string;
  targetPct: string;
  fault: string | null;
}

type Story = (rig: Rig, sample: (ms: number) => void) => void;

type Sensor = 'pulses' | 'analog';

/** Run `story` on a fresh rig whose lift has `sensor`; record its outputs, position and fault at every tick. */
function record(story: Story, sensor: Sensor): Sample[] {
  const rig = makeRig({ walkerMode: 'off', seed: 7, inclineSensor: sensor }, {});
  const samples: Sample[] = [];
  const sample = (ms: number) => {
    const endMs = rig.scheduler.nowMs() + ms;
    while (rig.scheduler.nowMs() < endMs) {
      rig.scheduler.advance(10);
      const status = rig.firmware.status();
      samples.push({
        timeMs: rig.scheduler.nowMs(),
        up: (rig.sim.inclineUp as { read(): boolean }).read(),
        down: (rig.sim.inclineDown as { read(): boolean }).read(),
        measuredPct: status.inclinePct.toFixed(3),
        targetPct: status.targetInclinePct.toFixed(6),
        fault: status.fault,
      });
    }
  };
  story(rig, sample);
  return samples;
}

/** The same story with the fast path switched off (the lift never counts as settled): every step a full step. */
function recordWithoutFastPath(story: Story, sensor: Sensor): Sample[] {
  const prototype = InclineDriver.prototype as unknown as { settledAfterStep: () => boolean };
  const original = prototype.settledAfterStep;
  prototype.settledAfterStep = () => false;
  try {
    return record(story, sensor);
  } finally {
    prototype.settledAfterStep = original;
  }
}

const STORIES: { name: string; story: Story }[] = [
  {
    name: 'moves up, rests, moves down, rests',
    story: (rig, sample) => {
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 4 });
      sample(20000);
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 1.5 });
      sample(15000);
    },
  },
  {
    name: 'a runaway of a resting lift',
    story: (rig, sample) => {
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 3 });
      sample(15000);
      rig.sim.injectFault('inclineRunaway');
      sample(5000);
    },
  },
  {
    name: 'a runaway that starts while the lift is driven (found once it rests)',
    story: (rig, sample) => {
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 5 });
      sample(2000);
      rig.sim.injectFault('inclineRunaway');
      sample(30000);
    },
  },
  {
    name: 'homing on demand from rest, then back to the target',
    story: (rig, sample) => {
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 4 });
      sample(15000);
      rig.firmware.homeIncline();
      sample(25000);
    },
  },
  {
    name: 'the key pulled and put back while the lift rests, then backward selected',
    story: (rig, sample) => {
      rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 12 });
      sample(30000);
      rig.sim.pullKey();
      sample(2000);
      rig.sim.insertKey();
      sample(2000);
      rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
      sample(10000);
    },
  },
];

const SENSORS: Sensor[] = ['pulses', 'analog'];

describe('incline: the resting fast path', () => {
  SENSORS.forEach((sensor) => {
    STORIES.forEach((entry) => {
      it(sensor + ': ' + entry.name + ': every tick the same as with a full step each tick', () => {
        const fast = record(entry.story, sensor);
        const full = recordWithoutFastPath(entry.story, sensor);
        assert.ok(fast.length > 1000);
        assert.deepEqual(fast, full);
      });
    });
  });

  SENSORS.forEach((sensor) => {
    it(sensor + ': skips steps while the lift rests (the path is taken, not only harmless)', () => {
      assertSkipsAtRest(sensor);
    });
  });
});

/** A lift resting at 2 %: a full step only as the backstop (every RESTING_FULL_STEP_MS), not every tick. */
function assertSkipsAtRest(sensor: Sensor): void {
  {
    const rig = makeRig({ walkerMode: 'off', seed: 7, inclineSensor: sensor }, {});
    rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 2 });
    rig.scheduler.advance(15000);
    const prototype = InclineDriver.prototype as unknown as { settledAfterStep: (nowMs: number) => boolean };
    const original = prototype.settledAfterStep;
    let fullSteps = 0;
    prototype.settledAfterStep = function (this: unknown, nowMs: number) {
      fullSteps++;
      return original.call(this, nowMs);
    };
    const backstops = 4;
    try {
      rig.scheduler.advance(backstops * RESTING_FULL_STEP_MS);
    } finally {
      prototype.settledAfterStep = original;
    }
    // One full step per backstop period (one more where the window's edges both catch one), not one per tick.
    assert.ok(fullSteps >= backstops && fullSteps <= backstops + 1, fullSteps + ' full steps in ' + backstops + ' backstop periods');
  }
}
