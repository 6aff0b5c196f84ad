// What the interpreter reports of its memory: a console's `memory` request reads it through `TreadmillHal.memory`.

/**
 * Memory figures of the interpreter, in variables (Espruino's "jsvars"). A format: the console's
 * `memory` reply carries these names as they stand (scripts/property-mangling.ts keeps them).
 */
export interface MemoryReport {
  usedVariables: number;
  totalVariables: number;
  bytesPerVariable: number;
  /** Set where the figures are not measured (the simulator's are fixed numbers): says so. */
  note?: string;
}
