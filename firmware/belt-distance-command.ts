// The setBeltDistance command: belt travel per encoder pulse from the user's measurements, validated and stored.

import type { Log } from '../hal/log';
import type { Storage } from '../hal/storage';
import type { Command, CommandResult } from './command';
import { metersPerPulseFromBeltLength, metersPerPulseFromRoller, type BeltDistanceResult } from './core/belt-distance';
import type { SafetyState } from './core/safety-state';
import { loadCalibration, saveCalibration } from './persistence/calibration-record';

function refuse(result: CommandResult, message: string): void {
  result.accepted = false;
  result.message = message;
}

/** Compute from whichever method the input names; null when it names neither completely. */
function compute(command: Command): BeltDistanceResult | null {
  const input = command.beltDistance;
  if (input === undefined || input === null || typeof input !== 'object') return null;
  if (input.rollerDiameterM !== undefined || input.pulsesPerRevolution !== undefined) {
    return metersPerPulseFromRoller(input.rollerDiameterM as number, input.pulsesPerRevolution as number);
  }
  if (input.beltLengthM !== undefined || input.revolutions !== undefined || input.pulses !== undefined) {
    return metersPerPulseFromBeltLength(input.beltLengthM as number, input.revolutions as number, input.pulses as number);
  }
  return null;
}

/**
 * Handle `setBeltDistance`: local only and with the belt idle (a calibration is a deliberate act at
 * the machine), inputs checked by the belt-distance core, the result stored with the calibration
 * (the stored duty map is kept). Why it waits for the next power-up: the running firmware holds
 * one validated configuration for its whole life, so no tick ever sees distances change under it.
 */
export function applyBeltDistanceCommand(command: Command, state: SafetyState, storage: Storage, log: Log, result: CommandResult): void {
  if (command.source !== 'local') return refuse(result, 'belt distance is set only at the machine');
  if (state !== 'idle') return refuse(result, 'set the belt distance with the belt stopped');
  const computed = compute(command);
  if (computed === null) {
    return refuse(result, 'setBeltDistance needs beltDistance with rollerDiameterM and pulsesPerRevolution, or beltLengthM, revolutions and pulses');
  }
  if (computed.problem !== null) return refuse(result, 'setBeltDistance refused: ' + computed.problem);
  const calibration = loadCalibration(storage, log);
  calibration.metersPerPulse = computed.metersPerPulse;
  const saved = saveCalibration(storage, log, calibration);
  if (!saved.accepted) return refuse(result, saved.message);
  result.accepted = true;
  result.message = 'belt distance ' + computed.metersPerPulse.toFixed(5) + ' m per pulse stored; it takes effect at the next power-up';
  log.info('calibration: ' + result.message);
}
