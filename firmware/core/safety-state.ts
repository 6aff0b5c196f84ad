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
export const IDLE = 1;
export const COUNTDOWN = 2;
export const RUNNING = 4;
export const STOPPING = 8;
export const FREE_BELT = 16;
export const FAULT = 32;
export const ANY_STATE = IDLE | COUNTDOWN | RUNNING | STOPPING | FREE_BELT | FAULT;
/** A state's bit by its name (the safety context holds the name). */
export const STATE_BITS: { [state: string]: number } = { idle: IDLE, countdown: COUNTDOWN, running: RUNNING, stopping: STOPPING, freeBelt: FREE_BELT, fault: FAULT };

/*
 * The fixed outputs of each state, as sets of states (the applied duty is min(controller duty,
 * ceiling x maxDuty); a state outside MOTOR_DRIVEN has the motor disabled with duty 0, ceiling 0).
 * Why sets and not a record per state: the control loop asks on every tick, and on the
 * interpreter a bit test costs less, and holds less memory, than a record of named flags.
 */
/** The motor may be driven (enabled, duty ceiling 1): running, and the controlled stop ramp. */
export const MOTOR_DRIVEN = RUNNING | STOPPING;
/** The incline may move: not in free-belt mode (the walker drives) and not in a fault. */
export const INCLINE_ALLOWED = IDLE | COUNTDOWN | RUNNING | STOPPING;
