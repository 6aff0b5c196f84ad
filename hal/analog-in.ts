// An analog input (incline position potentiometer).

/**
 * An analog input scaled to a fraction of its reference voltage.
 *
 * Contract: `read` is cheap, called at most once per control tick, never calls back.
 */
export interface AnalogIn {
  /** The input as a fraction 0..1 of the reference voltage. */
  read(): number;
}
