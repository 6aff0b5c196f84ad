// Belt travel per encoder pulse from the roller's size or from a measured belt length: pure, validated.

/** Lowest and highest belt travel per pulse a configuration accepts, m (checkConfig's range). */
export const MIN_METERS_PER_PULSE = 0.0005;
export const MAX_METERS_PER_PULSE = 2;

/** A computed belt distance per pulse, or why the inputs cannot give one. */
export interface BeltDistanceResult {
  /** Belt travel per encoder pulse, m; 0 when `problem` is set. */
  metersPerPulse: number;
  /** null when valid; otherwise which input is wrong and why, in words for the user. */
  problem: string | null;
}

function positiveProblem(name: string, value: number, unit: string): string | null {
  if (typeof value !== 'number' || !isFinite(value)) return name + ' must be a number' + unit;
  if (!(value > 0)) return name + ' must be above 0' + unit + ', got ' + value;
  return null;
}

function wholeProblem(name: string, value: number): string | null {
  const problem = positiveProblem(name, value, '');
  if (problem !== null) return problem;
  if (Math.floor(value) !== value) return name + ' must be a whole number, got ' + value;
  return null;
}

function checked(metersPerPulse: number): BeltDistanceResult {
  if (metersPerPulse < MIN_METERS_PER_PULSE || metersPerPulse > MAX_METERS_PER_PULSE) {
    return { metersPerPulse: 0, problem: 'gives ' + metersPerPulse + ' m per pulse, outside ' + MIN_METERS_PER_PULSE + '..' + MAX_METERS_PER_PULSE + ' m: check the figures' };
  }
  return { metersPerPulse: metersPerPulse, problem: null };
}

/**
 * Belt travel per pulse from the sensed roller: pi x diameter / pulses per revolution (the belt
 * moves one roller circumference per turn; belt thickness neglected). Called by a console when
 * the user enters the roller's figures. Pure.
 * @param rollerDiameterM diameter of the roller the sensor watches, m (e.g. 0.05)
 * @param pulsesPerRevolution sensor pulses per roller turn, a whole number at least 1
 */
export function metersPerPulseFromRoller(rollerDiameterM: number, pulsesPerRevolution: number): BeltDistanceResult {
  const diameterProblem = positiveProblem('roller diameter', rollerDiameterM, ' in metres');
  if (diameterProblem !== null) return { metersPerPulse: 0, problem: diameterProblem };
  if (rollerDiameterM > 0.5) return { metersPerPulse: 0, problem: 'roller diameter must be in metres (at most 0.5 m), got ' + rollerDiameterM };
  const pulsesProblem = wholeProblem('pulses per revolution', pulsesPerRevolution);
  if (pulsesProblem !== null) return { metersPerPulse: 0, problem: pulsesProblem };
  return checked((Math.PI * rollerDiameterM) / pulsesPerRevolution);
}

/**
 * Belt travel per pulse from a measured belt: the user marks the belt, runs it `revolutions` full
 * turns (mark back at the start each time) and reads the pulses counted meanwhile:
 * revolutions x belt length / pulses. More revolutions average out the unknown position of the
 * first and last pulse (at most one pulse either way). Pure.
 * @param beltLengthM length of the whole belt loop, m (e.g. 2.8)
 * @param revolutions full belt turns run, a whole number at least 1
 * @param pulses encoder pulses counted over those turns, a whole number at least 1
 */
export function metersPerPulseFromBeltLength(beltLengthM: number, revolutions: number, pulses: number): BeltDistanceResult {
  const lengthProblem = positiveProblem('belt length', beltLengthM, ' in metres');
  if (lengthProblem !== null) return { metersPerPulse: 0, problem: lengthProblem };
  if (beltLengthM > 20) return { metersPerPulse: 0, problem: 'belt length must be in metres (at most 20 m), got ' + beltLengthM };
  const revolutionsProblem = wholeProblem('revolutions', revolutions);
  if (revolutionsProblem !== null) return { metersPerPulse: 0, problem: revolutionsProblem };
  const pulsesProblem = wholeProblem('pulse count', pulses);
  if (pulsesProblem !== null) return { metersPerPulse: 0, problem: pulsesProblem + ' (no pulses: check the belt sensor)' };
  return checked((revolutions * beltLengthM) / pulses);
}
