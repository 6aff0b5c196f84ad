// The safety states of the belt and the fixed outputs each allows.

/**
 * - idle: belt not driven; direction may switch here once the belt has stood still long enough.
 * - countdown: start accepted, beeping; motor still off.
 * - running: belt driven toward the target speed.
 * - stopping: controlled ramp down to standstill, motor still driven so the ramp is controlled.
 * - freeBelt: motor disabled and free; the walker drives the belt.
 * - fault: latched; motor and incline off until a local clear with the key present.
 */
export type SafetyState = 'idle' | 'countdown' | 'running' | 'stopping' | 'freeBelt' | 'fault';

/**
 * Each state as one bit, so that a transition row names its set of states as one number: a
 * membership test is one `&` instead of an array scan, and a row holds no array (on the
 * interpreter every array element costs memory).
 */
export const STATE_BITS: { [state: string]: number } = { idle: 1, countdown: 2, running: 4, stopping: 8, freeBelt: 16, fault: 32 };
export const IDLE = 1;
export const COUNTDOWN = 2;
export const RUNNING = 4;
export const STOPPING = 8;
export const FREE_BELT = 16;
export const FAULT = 32;
export const ANY_STATE = 63;

/** The outputs a state allows: the applied duty is min(controller duty, dutyCeiling). */
export interface StateOutputs {
  motorEnabled: boolean;
  /** Fraction of the configured maximum duty the state allows (0 or 1). */
  dutyCeiling: number;
  /** Whether the incline may move in this state. */
  inclineAllowed: boolean;
}

export const STATE_OUTPUTS: { [state: string]: StateOutputs } = {
  idle: { motorEnabled: false, dutyCeiling: 0, inclineAllowed: true },
  countdown: { motorEnabled: false, dutyCeiling: 0, inclineAllowed: true },
  running: { motorEnabled: true, dutyCeiling: 1, inclineAllowed: true },
  stopping: { motorEnabled: true, dutyCeiling: 1, inclineAllowed: true },
  freeBelt: { motorEnabled: false, dutyCeiling: 0, inclineAllowed: false },
  fault: { motorEnabled: false, dutyCeiling: 0, inclineAllowed: false },
};
