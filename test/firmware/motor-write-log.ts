// Records every write the firmware makes to the motor's three outputs, in order, to check the order of duty, enable and direction.

import assert from 'node:assert/strict';
import type { Clock } from '../../hal/clock';
import type { MotorPorts } from '../../hal/treadmill-hal';

/** One write to a motor output, with what the outputs read just before it. */
export interface MotorWrite {
  timeMs: number;
  port: 'speed' | 'enable' | 'direction';
  value: number | boolean;
  dutyBefore: number;
  enabledBefore: boolean;
}

/** Wrap `motor`'s write methods so each write is appended to the returned list (the writes still go through). */
export function recordMotorWrites(motor: MotorPorts, clock: Clock): MotorWrite[] {
  const writes: MotorWrite[] = [];
  const note = (port: MotorWrite['port'], value: number | boolean) => {
    writes.push({ timeMs: clock.nowMs(), port, value, dutyBefore: motor.speed.read(), enabledBefore: motor.enable.read() });
  };
  const speed = motor.speed.write.bind(motor.speed);
  const enable = motor.enable.write.bind(motor.enable);
  const direction = motor.direction.write.bind(motor.direction);
  motor.speed.write = (duty: number) => {
    note('speed', duty);
    speed(duty);
  };
  motor.enable.write = (active: boolean) => {
    note('enable', active);
    enable(active);
  };
  motor.direction.write = (backward: boolean) => {
    note('direction', backward);
    direction(backward);
  };
  return writes;
}

/** Writes that switched an enabled motor off. */
export function disablingWrites(writes: MotorWrite[]): MotorWrite[] {
  return writes.filter((write) => write.port === 'enable' && write.value === false && write.enabledBefore);
}

/**
 * Each write that disables an enabled motor comes right after a duty-0 write in the same event
 * (same time, no other duty write between), and no duty write follows it in that event: a driver
 * that briefly sees enable with a stale duty could lurch. Fails when nothing was disabled.
 */
export function assertDutyZeroedBeforeDisable(writes: MotorWrite[], what: string): void {
  const disabling = disablingWrites(writes);
  assert.ok(disabling.length > 0, what + ': the motor was never disabled');
  disabling.forEach((disable) => {
    const index = writes.indexOf(disable);
    const earlier = writes.slice(0, index).filter((write) => write.port === 'speed');
    const lastDuty = earlier[earlier.length - 1];
    assert.ok(lastDuty !== undefined && lastDuty.timeMs === disable.timeMs && lastDuty.value === 0, what + ': enable off at ' + disable.timeMs + ' ms without the duty zeroed first in that event');
    assert.equal(disable.dutyBefore, 0, what + ': duty when the enable went off');
    const laterSameEvent = writes.slice(index + 1).filter((write) => write.port === 'speed' && write.timeMs === disable.timeMs);
    assert.deepEqual(laterSameEvent, [], what + ': duty written after the enable went off in the same event');
  });
}

/** The direction output is written only with duty 0 and the motor disabled. */
export function assertDirectionWrittenUndriven(writes: MotorWrite[], what: string): void {
  writes
    .filter((write) => write.port === 'direction')
    .forEach((write) => {
      assert.equal(write.dutyBefore, 0, what + ': duty when the direction was written at ' + write.timeMs + ' ms');
      assert.equal(write.enabledBefore, false, what + ': enable when the direction was written at ' + write.timeMs + ' ms');
    });
}
