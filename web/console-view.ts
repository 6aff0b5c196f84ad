// The web console's views of one treadmill, whoever it is: the console's buttons, status panel, program list, plots, log and answer line, all through TreadmillViewSource.

import type { CommandName } from '../firmware/command';
import { DEFAULT_CONFIG } from '../firmware/config';
import { mphToKph } from '../firmware/core/units';
import { ConsolePlots } from './plots';
import { statusRows, type StatusRow } from './status-rows';
import type { TreadmillViewSource, ViewCommandFields } from './view-source';

/** How much history the plots show, s (the simulator keeps this much; a board source should too). */
export const PLOT_WINDOW_S = 60;

/** The element with `id`; the page is static, so a missing one is a build mistake worth an exception. */
export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error('web console: the page has no #' + id);
  return found as T;
}

/** What the console's keys and buttons ask for beyond a bare command: a direction toggle and incline steps need the status. */
export type ConsoleAction = CommandName | 'direction' | 'inclineUp' | 'inclineDown';

/**
 * Renders one `TreadmillViewSource` at a time into the page and sends the user's commands to it.
 * `attach` swaps the source (the simulator rebuilt, or a board link): only this class reads it, so
 * a board shows in the same views as the simulator.
 */
export class ConsoleView {
  private source: TreadmillViewSource;
  private plots: ConsolePlots;
  private readonly statusValues: HTMLElement[] = [];
  private readonly statusList = element<HTMLElement>('status-list');
  private readonly answer = element<HTMLElement>('answer');
  private readonly logView = element<HTMLElement>('log');
  private readonly programSelect = element<HTMLSelectElement>('program-select');
  private readonly speedInput = element<HTMLInputElement>('set-speed-input');
  private readonly commandButtons: HTMLButtonElement[];
  private shownLogLine = '';
  private shownAnswer = '';
  /** setData calls of earlier sources' plots, so the page's redraw count runs on across a rebuild. */
  private earlierRedraws = 0;

  constructor(source: TreadmillViewSource) {
    this.source = source;
    this.commandButtons = Array.prototype.slice.call(document.querySelectorAll('button[data-command]'));
    this.commandButtons.forEach((button) => {
      // The two forms' submit buttons act through their form's submit (Enter in the field too).
      if (button.type === 'submit') return;
      button.addEventListener('click', () => this.act(this.buttonAction(button)));
    });
    element<HTMLFormElement>('set-speed-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.setSpeedFromInput();
    });
    element<HTMLFormElement>('program-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.programSelect.value !== '') this.send('startProgram', { programName: this.programSelect.value });
    });
    this.plots = this.makePlots(source);
    this.attach(source);
  }

  /** The source shown now. */
  current(): TreadmillViewSource {
    return this.source;
  }

  /** Show `source` from now on: its units, programs and commands; the plots start afresh in its units. */
  attach(source: TreadmillViewSource): void {
    if (source !== this.source) {
      this.earlierRedraws += this.plots.redraws;
      this.plots.destroy();
      this.source = source;
      this.plots = this.makePlots(source);
    }
    element<HTMLElement>('set-speed-units').textContent = source.units === 'mph' ? 'mph' : 'km/h';
    element<HTMLElement>('source-description').textContent = source.description;
    const rows = statusRows(source.status(), source.program ? source.program() : undefined, source.units);
    this.statusList.textContent = '';
    this.statusValues.length = 0;
    rows.forEach((row) => {
      const term = document.createElement('dt');
      term.textContent = row.label;
      const value = document.createElement('dd');
      this.statusList.appendChild(term);
      this.statusList.appendChild(value);
      this.statusValues.push(value);
    });
    this.programSelect.textContent = '';
    (source.programNames || []).forEach((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      this.programSelect.appendChild(option);
    });
    this.shownLogLine = '';
    this.shownAnswer = '';
    this.renderText();
  }

  /** Do what a button or a key asks. */
  act(action: ConsoleAction): void {
    const status = this.source.status();
    if (action === 'direction') {
      const current = status.pendingDirection !== null ? status.pendingDirection : status.direction;
      this.send('setDirection', { direction: current === 'backward' ? 'forward' : 'backward' });
    } else if (action === 'inclineUp' || action === 'inclineDown') {
      const targetPct = status.targetInclinePct === null ? 0 : status.targetInclinePct;
      this.send('setIncline', { inclinePct: Math.max(0, targetPct + (action === 'inclineUp' ? 1 : -1) * DEFAULT_CONFIG.incline.stepPct) });
    } else this.send(action);
  }

  /**
   * Send a command if the source can, and show its answer. A board whose link is down still gets
   * it (from a key; its buttons are disabled): the source refuses it and says why, rather than the
   * key doing nothing without a word.
   */
  send(name: CommandName, fields?: ViewCommandFields): void {
    if (!this.source.supports(name)) return;
    this.source.command(name, fields);
    this.renderText();
  }

  /** setData calls so far, all sources together (the page's redraw rate). */
  redraws(): number {
    return this.earlierRedraws + this.plots.redraws;
  }

  /** The speed chart's x range, for tests. */
  plotXRange(): { min: number; max: number } {
    return this.plots.xRange();
  }

  /** Redraw the plots from the source's series (called 20 times a second). */
  renderPlots(): void {
    const series = this.source.series;
    const endS = series.timeS.length > 0 ? series.timeS[series.timeS.length - 1] : 0;
    this.plots.update(series, endS, PLOT_WINDOW_S);
  }

  /** Rewrite the status panel, the answer line, the log and which commands are enabled (10 times a second). */
  renderText(): void {
    const source = this.source;
    const rows: StatusRow[] = statusRows(source.status(), source.program ? source.program() : undefined, source.units);
    rows.forEach((row, index) => {
      const value = this.statusValues[index];
      if (value === undefined) return;
      if (value.textContent !== row.value) {
        value.textContent = row.value;
        // The value is kept on one line (no jump); the whole text is its tooltip.
        value.title = row.value;
      }
      const className = row.warning ? 'warning' : '';
      if (value.className !== className) value.className = className;
    });
    const connected = source.connected();
    this.commandButtons.forEach((button) => {
      const disabled = !connected || !source.supports(button.dataset.command as CommandName);
      if (button.disabled !== disabled) button.disabled = disabled;
    });
    if (source.lastAnswer !== this.shownAnswer) {
      this.shownAnswer = source.lastAnswer;
      this.answer.textContent = source.lastAnswer;
    }
    const lines = source.logLines;
    const newest = lines.length > 0 ? lines.length + lines[lines.length - 1] : '';
    if (newest !== this.shownLogLine) {
      this.shownLogLine = newest;
      // Follow the log's end only when the reader has not scrolled up to read.
      const atEnd = this.logView.scrollTop + this.logView.clientHeight >= this.logView.scrollHeight - 4;
      this.logView.textContent = lines.join('\n');
      if (atEnd) this.logView.scrollTop = this.logView.scrollHeight;
    }
  }

  /** Follow the window's width. */
  resize(): void {
    this.plots.resize();
  }

  private makePlots(source: TreadmillViewSource): ConsolePlots {
    return new ConsolePlots(element<HTMLElement>('speed-plot'), element<HTMLElement>('drive-plot'), source.units);
  }

  private buttonAction(button: HTMLButtonElement): ConsoleAction {
    const name = button.dataset.command as CommandName;
    if (name === 'setDirection') return 'direction';
    if (name === 'setIncline') return Number(button.dataset.steps) < 0 ? 'inclineDown' : 'inclineUp';
    return name;
  }

  /** The typed speed, in the user's units, sent as km/h. */
  private setSpeedFromInput(): void {
    const typed = Number(this.speedInput.value);
    if (this.speedInput.value === '' || !isFinite(typed)) {
      this.answer.textContent = 'set speed: type a number';
      this.shownAnswer = '';
      return;
    }
    this.send('setSpeed', { speedKph: this.source.units === 'mph' ? mphToKph(typed) : typed });
  }
}
