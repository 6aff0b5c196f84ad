// The early-pulse event at the control loop: its log line says how long ago the pulse was, a halted firmware ignores it, and a throw inside it latches a control error.

import assert from 'node:assert/strict';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { makeFaultRig, runSteady, variant, type FaultRig } from './fault-rig';

/** A rig whose belt port's early-pulse callback the test calls itself (the port's own early pulses are not watched). */
function withEarlyPulseHandle(): { rig: FaultRig; earlyPulse: (pulseMs: number, intervalMs: number) => void } {
  let handler: ((pulseMs: number, intervalMs: number) => void) | null = null;
  const capture = (hal: TreadmillHal) => {
    hal.beltEncoder.watchEarlyPulses = (_limit, onEarlyPulse) => {
      handler = onEarlyPulse;
    };
  };
  const rig = makeFaultRig(variant({}), undefined, capture);
  assert.ok(handler !== null, 'the firmware watches early pulses at boot');
  const earlyPulse: (pulseMs: number, intervalMs: number) => void = handler;
  return { rig, earlyPulse };
}

/** A pulse interval far shorter than any running belt's, ms: a runaway. */
const RUNAWAY_INTERVAL_MS = 1;

describe('the early-pulse event', () => {
  it('latches overspeed and logs how long before the event the pulse came', () => {
    const { rig, earlyPulse } = withEarlyPulseHandle();
    runSteady(rig, 'forward', 3, 3000);
    const nowMs = rig.scheduler.nowMs();
    earlyPulse(nowMs - 7, RUNAWAY_INTERVAL_MS);
    assert.equal(rig.firmware.status().fault, 'overspeed');
    const lines = rig.sim.log.lines.filter((line) => line.indexOf('overspeed: found at a belt pulse') >= 0);
    assert.deepEqual(
      lines.map((line) => line.slice(line.indexOf('warn '))),
      ['warn overspeed: found at a belt pulse 7 ms ago, before the next tick'],
    );
  });

  it('a halted firmware ignores it: no fault, the outputs as they were', () => {
    const { rig, earlyPulse } = withEarlyPulseHandle();
    runSteady(rig, 'forward', 3, 3000);
    const dutyBefore = rig.sim.motorDuty();
    rig.firmware.halt();
    earlyPulse(rig.scheduler.nowMs(), RUNAWAY_INTERVAL_MS);
    assert.equal(rig.firmware.status().state, 'running');
    assert.equal(rig.sim.motorDuty(), dutyBefore);
    assert.ok(!rig.sim.log.contains('overspeed'), rig.sim.log.lines.join('\n'));
  });

  it('a throw while handling it makes the outputs safe and latches a control error, and does not reach the port', () => {
    const { rig, earlyPulse } = withEarlyPulseHandle();
    runSteady(rig, 'forward', 3, 3000);
    const key = rig.sim.hal.safetyKey;
    key.read = () => {
      throw new Error('key input failed');
    };
    earlyPulse(rig.scheduler.nowMs(), RUNAWAY_INTERVAL_MS);
    assert.equal(rig.sim.motorDuty(), 0);
    assert.equal(rig.sim.motorEnabled(), false);
    assert.ok(rig.sim.log.contains('error control error: Error: key input failed; outputs made safe'), rig.sim.log.lines.join('\n'));
  });
});
