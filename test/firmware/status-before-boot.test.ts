// A treadmill made but not yet booted reports its outputs as the constructor left them: motor off, and no key seen yet.

import assert from 'node:assert/strict';
import { resolveConfig } from '../../firmware/config-overrides';
import { FULL_FEATURES } from '../../firmware/index';
import { Treadmill } from '../../firmware/treadmill';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';

describe('status before boot', () => {
  it('idle, motor disabled, key not yet read; boot then reads the key', () => {
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
    const firmware = new Treadmill(sim.hal, resolveConfig({ drive: sim.options.drive }), FULL_FEATURES);
    const before = firmware.status();
    assert.equal(before.state, 'idle');
    assert.equal(before.motorEnabled, false);
    assert.equal(before.keyPresent, false);
    assert.equal(sim.motorEnabled(), false);
    firmware.boot();
    assert.equal(firmware.status().keyPresent, true, 'the key is in on the default simulated machine');
  });
});
