// The fault catalogue: every reason the belt can be stopped by the firmware and latched.

/**
 * Latched faults (../shared/domain.md, "Faults and the response each deserves"). Each cuts the
 * motor and the incline and needs a local clear with the key present.
 */
export type FaultCode =
  | 'keyRemoved'
  | 'encoderLoss'
  | 'overspeed'
  | 'wrongDirection'
  | 'stall'
  | 'lostEdges'
  | 'controlError'
  | 'inclineRunaway';

/** One line per fault for logs, the display and the trace. */
export const FAULT_MESSAGES: { [code: string]: string } = {
  keyRemoved: 'safety key removed: belt stopped',
  encoderLoss: 'belt sensor lost: no pulses while the motor drives',
  overspeed: 'belt faster than commanded: motor cut',
  wrongDirection: 'belt moving against the selected direction',
  stall: 'belt stalled or overloaded',
  lostEdges: 'belt sensor edges lost (input queue overflow)',
  controlError: 'control loop error: outputs made safe',
  inclineRunaway: 'incline moving without command or past its end stop',
};
