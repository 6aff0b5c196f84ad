// Training Status (0x2AD3): what the session is doing, with "Walking backward" as its text in backward mode.

import type { Direction } from '../command';
import type { SafetyState } from '../core/safety-state';

/** Training status codes (GATT Specification Supplement, Training Status) the firmware uses. */
export const TRAINING_IDLE = 0x01;
export const TRAINING_MANUAL_MODE = 0x0d;
export const TRAINING_PRE_WORKOUT = 0x0e;

/** Flags bit 0: a Training Status String follows the status byte. */
export const TRAINING_STRING_PRESENT = 0x01;

/**
 * The text a backward session carries, ASCII (a subset of the UTF-8 the field holds). Why a text
 * and not a code: FTMS has no direction, and its codes describe intensity, not gait; apps that
 * show the string tell the user the machine knows they walk backward (and why the inclination is
 * negative), and apps that ignore it lose nothing. 16 characters: with flags and status, 18 bytes,
 * within one 20-byte notification.
 */
export const BACKWARD_TEXT = 'Walking backward';

/** The longest Training Status value the encoder writes, bytes. */
export const TRAINING_STATUS_MAX_BYTES = 2 + BACKWARD_TEXT.length;

/**
 * The status code of the treadmill in `state`: idle when the belt is not driven (idle, fault),
 * pre-workout during the start countdown, manual mode (quick start) while the belt runs, ramps
 * down or is walked freely.
 */
export function trainingStatusCode(state: SafetyState): number {
  if (state === 'countdown') return TRAINING_PRE_WORKOUT;
  if (state === 'running' || state === 'stopping' || state === 'freeBelt') return TRAINING_MANUAL_MODE;
  return TRAINING_IDLE;
}

/**
 * Writes the Training Status of a treadmill in `state` set to `direction` into `out` (at least
 * TRAINING_STATUS_MAX_BYTES); returns its length: 2 forward, 18 backward (the text says so
 * whenever backward is selected, idle included: it tells what the next start will be).
 */
export function encodeTrainingStatus(state: SafetyState, direction: Direction, out: Uint8Array): number {
  const backward = direction === 'backward';
  out[0] = backward ? TRAINING_STRING_PRESENT : 0;
  out[1] = trainingStatusCode(state);
  if (!backward) return 2;
  for (let i = 0; i < BACKWARD_TEXT.length; i++) out[2 + i] = BACKWARD_TEXT.charCodeAt(i);
  return 2 + BACKWARD_TEXT.length;
}
