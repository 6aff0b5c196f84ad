// A scenario on a described machine: the machine file (or the scenario's own machine fields) becomes the simulator's plant and the firmware's machine configuration.

import { dirname, isAbsolute, join } from 'path';
import { machineLimitOverrides, machinePlant, parseMachineDescription, readMachineFile, type MachineDescription } from '../../scripts/machine-description';
import type { Scenario } from '../scenario/scenario-types';

/**
 * The machine a scenario file names in its `machine` field: a machine file's path (relative to
 * the scenario file) or the machine fields themselves (the machine file's format, README.md
 * "Your machine"); null when it names none. Throws an Error naming the field.
 */
export function scenarioMachine(value: unknown, scenarioFile: string): MachineDescription | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return readMachineFile(isAbsolute(value) ? value : join(dirname(scenarioFile), value));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('machine must be a machine file\'s name or an object of machine fields, got ' + JSON.stringify(value));
  try {
    return parseMachineDescription(value);
  } catch (error) {
    throw new Error('machine.' + (error as Error).message);
  }
}

/**
 * Put `scenario` on `machine`: the machine's plant under the scenario's own `sim` options (which
 * still win, e.g. a scenario's `pulsesPerMeter`), and its caps and duty map as the machine
 * configuration. The firmware's belt distance and incline scale follow the plant in every case.
 */
export function onMachine(scenario: Scenario, machine: MachineDescription): Scenario {
  return Object.assign({}, scenario, {
    sim: Object.assign({}, machinePlant(machine), scenario.sim),
    machineConfig: machineLimitOverrides(machine),
  });
}
