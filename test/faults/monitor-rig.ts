// The fault monitor's own tests' rig: a driven belt's inputs, a monitor run with the test's limits, ticks and pulses.

import type { FaultLimits } from '../../firmware/config';
import { detectFault, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from '../../firmware/core/fault-monitor';
import type { FaultCode } from '../../firmware/fault-code';

/** Inputs of a belt the motor drives at `setpointKph` (measured at it), `metersPerPulse` a pulse, duty 0.5 of a 0.8 ceiling, cap 16 km/h. */
export function drivenInputs(setpointKph: number, metersPerPulse: number): FaultMonitorInputs {
  const inputs = makeFaultMonitorInputs();
  inputs.metersPerPulse = metersPerPulse;
  inputs.maxDuty = 0.8;
  inputs.speedCapKph = 16;
  inputs.motorDriven = true;
  inputs.duty = 0.5;
  inputs.setpointKph = setpointKph;
  inputs.measuredSpeedKph = setpointKph;
  return inputs;
}

/** One monitor with its inputs and the test's limits. */
export interface MonitorRun {
  state: FaultMonitorState;
  inputs: FaultMonitorInputs;
  limits: FaultLimits;
}

/** A driven monitor (see drivenInputs) with 100 pulses counted; its first tick, at 0 ms, only takes the count. Returns the run and that tick's fault. */
export function startMonitor(limits: FaultLimits, setpointKph: number, metersPerPulse: number): { run: MonitorRun; firstFault: FaultCode | null } {
  const inputs = drivenInputs(setpointKph, metersPerPulse);
  inputs.pulseCount = 100;
  const run = { state: makeFaultMonitorState(), inputs, limits };
  return { run, firstFault: tickAt(run, 0, 200) };
}

/** One tick at `nowMs`, `dtMs` after the previous one. */
export function tickAt(run: MonitorRun, nowMs: number, dtMs: number): FaultCode | null {
  run.inputs.nowMs = nowMs;
  run.inputs.dtMs = dtMs;
  return detectFault(run.state, run.inputs, run.limits);
}

/** `newPulses` pulses arrived, the last two at `previousPulseMs` and `lastPulseMs`. */
export function pulses(run: MonitorRun, newPulses: number, previousPulseMs: number, lastPulseMs: number): void {
  run.inputs.pulseCount += newPulses;
  run.inputs.pulses.count = run.inputs.pulseCount;
  run.inputs.pulses.previousPulseMs = previousPulseMs;
  run.inputs.pulses.lastPulseMs = lastPulseMs;
}
