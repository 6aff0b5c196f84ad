// The web console's simulator controls, beyond what a board has: the safety key, the walker, injected hardware faults, the machine and the settings it boots with.

import { SIMULATED_BOARDS, type TimedBoardName } from '../hal/espruino/boards/board-timing';
import type { SpeedUnits } from '../firmware/core/units';
import { parseFaultSettings } from '../sim/scenario/parse-scenario';
import { SIM_FAULTS, type SimDriveKind, type SimFault, type SimFaultSettings } from '../sim/sim-treadmill';
import { element } from './console-view';
import { MAX_WALKER_KG, MIN_WALKER_KG, type SimDriver, type SimDriverOptions, type WalkerFacing } from './sim-driver';
import { BELT_SENSOR_CHOICES, DRIVE_CHOICES } from './sim-machine-choices';

/** The faults with settings of their own: each setting's scenario field and the page's input for it. */
const FAULT_SETTING_FIELDS: { [fault: string]: { [field: string]: string } } = {
  keyBounce: { bounces: 'fault-bounces', bounceMs: 'fault-bounce-ms' },
  encoderNoise: { rateHz: 'fault-rate-hz', glitchProbability: 'fault-glitch' },
};

/** What each injectable fault does to the machine, and what the firmware should make of it. */
export const FAULT_LABELS: { [fault in SimFault]: string } = {
  encoderDisconnected: 'belt sensor disconnected (encoder loss)',
  encoderNoise: 'belt sensor noise (spurious pulses)',
  beltJammed: 'belt jammed (stall)',
  driverRunaway: 'motor driver runaway (overspeed)',
  directionRelayStuck: 'direction relay stuck (wrong direction)',
  keyBounce: 'safety key contact bounce',
  inputOverflow: 'belt sensor input queue overflow (lost edges)',
  inclineStuck: 'incline lift stuck',
  inclineRunaway: 'incline lift runaway',
};

function fillSelect<T>(select: HTMLSelectElement, choices: { value: T; label: string }[]): void {
  select.textContent = '';
  choices.forEach((choice) => {
    const option = document.createElement('option');
    option.value = String(choice.value);
    option.textContent = choice.label;
    select.appendChild(option);
  });
}

/**
 * The simulator's own panel. It acts on the driver the page runs now (`driver()`), and asks the
 * page to build a new one (`rebuild`) when the machine or the settings change: both reach the
 * firmware only at its start-up, as on a board.
 */
export class SimPanel {
  private readonly driver: () => SimDriver;
  private readonly keyButton = element<HTMLButtonElement>('key-button');
  private readonly walkerButton = element<HTMLButtonElement>('walker-button');
  private readonly walkerKg = element<HTMLInputElement>('walker-kg');
  private readonly walkerFacing = element<HTMLSelectElement>('walker-facing');
  private readonly faultSelect = element<HTMLSelectElement>('fault-select');
  private readonly activeFaults = element<HTMLElement>('active-faults');
  private readonly drive = element<HTMLSelectElement>('machine-drive');
  private readonly sensor = element<HTMLSelectElement>('machine-sensor');
  private readonly board = element<HTMLSelectElement>('machine-board');
  private readonly units = element<HTMLSelectElement>('settings-units');
  private readonly weight = element<HTMLInputElement>('settings-weight');
  private shownFaults = '';

  /** `onChange` runs after every action here, for the page to show the answer at once. */
  constructor(driver: () => SimDriver, rebuild: (options: SimDriverOptions) => void, onChange: () => void) {
    this.driver = driver;
    fillSelect(this.faultSelect, SIM_FAULTS.map((fault) => ({ value: fault, label: FAULT_LABELS[fault] })));
    fillSelect(this.drive, DRIVE_CHOICES);
    fillSelect(this.sensor, BELT_SENSOR_CHOICES);
    fillSelect(this.board, SIMULATED_BOARDS.map((board) => ({ value: board, label: board })));
    this.keyButton.addEventListener('click', () => {
      this.toggleKey();
      onChange();
    });
    this.walkerButton.addEventListener('click', () => {
      this.toggleWalker();
      onChange();
    });
    element<HTMLFormElement>('walker-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const sim = this.driver();
      if (sim.setWalkerKg(Number(this.walkerKg.value))) sim.setFacing(this.walkerFacing.value as WalkerFacing);
      onChange();
    });
    this.faultSelect.addEventListener('change', () => this.showFaultSettings());
    this.showFaultSettings();
    element<HTMLFormElement>('fault-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const fault = this.faultSelect.value as SimFault;
      let settings: SimFaultSettings;
      try {
        settings = this.faultSettings(fault);
      } catch (error) {
        // The scenario parser's own check and words; nothing is injected.
        this.driver().lastAnswer = 'fault not injected: ' + (error as Error).message;
        onChange();
        return;
      }
      this.driver().injectFault(fault, settings);
      onChange();
    });
    element<HTMLButtonElement>('fault-remove').addEventListener('click', () => {
      this.driver().removeFault(this.faultSelect.value as SimFault);
      onChange();
    });
    element<HTMLFormElement>('machine-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const typedKg = this.weight.value === '' ? null : Number(this.weight.value);
      if (typedKg !== null && !(typedKg >= MIN_WALKER_KG && typedKg <= MAX_WALKER_KG)) {
        this.driver().lastAnswer = 'settings: your weight must be ' + MIN_WALKER_KG + ' to ' + MAX_WALKER_KG + ' kg, or empty for the default';
        onChange();
        return;
      }
      rebuild({
        drive: this.drive.value as SimDriveKind,
        pulsesPerMeter: Number(this.sensor.value),
        board: this.board.value as TimedBoardName,
        units: this.units.value as SpeedUnits,
        userWeightKg: typedKg,
      });
    });
  }

  toggleKey(): void {
    const sim = this.driver();
    sim.setKeyPulled(sim.keyPresent());
  }

  toggleWalker(): void {
    const sim = this.driver();
    sim.setWalkerOn(!sim.isWalkerOn());
  }

  /** Show the driver's machine, settings and walker in the forms (after a rebuild, or at load). */
  showDriver(): void {
    const sim = this.driver();
    this.drive.value = sim.drive;
    this.sensor.value = String(sim.pulsesPerMeter);
    this.board.value = sim.board;
    this.units.value = sim.units;
    this.weight.value = sim.userWeightKg === null ? '' : String(sim.userWeightKg);
    this.walkerKg.value = String(sim.walkerKg());
    this.walkerFacing.value = sim.facing();
    this.render();
  }

  /** Only the selected fault's own settings are shown (key bounce and encoder noise have some). */
  private showFaultSettings(): void {
    const selected = this.faultSelect.value;
    Object.keys(FAULT_SETTING_FIELDS).forEach((fault) => {
      element<HTMLElement>('fault-settings-' + fault).hidden = fault !== selected;
    });
  }

  /** The selected fault's settings from its fields (an empty field keeps the simulator's default), checked as a scenario's are. */
  private faultSettings(fault: SimFault): SimFaultSettings {
    const fields: { [field: string]: unknown } = {};
    const inputs = FAULT_SETTING_FIELDS[fault] || {};
    Object.keys(inputs).forEach((field) => {
      const typed = element<HTMLInputElement>(inputs[field]).value.trim();
      // A number the user typed, else the text itself, so the check names what is wrong with it.
      if (typed !== '') fields[field] = isFinite(Number(typed)) ? Number(typed) : typed;
    });
    return parseFaultSettings(fields, fault, fault);
  }

  /** Update the toggles' words and the injected faults (10 times a second with the status). */
  render(): void {
    const sim = this.driver();
    const keyText = sim.keyPresent() ? 'Pull safety key' : 'Insert safety key';
    if (this.keyButton.textContent !== keyText) this.keyButton.textContent = keyText;
    const walkerText = sim.isWalkerOn() ? 'Walker off the belt' : 'Walker on the belt';
    if (this.walkerButton.textContent !== walkerText) this.walkerButton.textContent = walkerText;
    const faults = sim.activeFaults();
    const faultsText = faults.length > 0 ? faults.join(', ') : 'none';
    if (faultsText !== this.shownFaults) {
      this.shownFaults = faultsText;
      this.activeFaults.textContent = faultsText;
    }
  }
}
