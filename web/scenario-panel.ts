// The web console's scenario panel: load a scenario file, run it in fast-forward, show its report and verdict, download its trace as CSV.

import { element } from './console-view';
import type { TimedBoardName } from '../hal/espruino/boards/board-timing';
import { parseScenarioText, runPageScenario, type PageScenarioRun } from './scenario-run';

/** The trace's file name for a scenario file: key-pull.json gives key-pull.trace.csv. */
export function traceFileName(scenarioFileName: string): string {
  return scenarioFileName.replace(/\.json$/i, '') + '.trace.csv';
}

/** Wires the panel's file input, report and download button; the treadmill on screen is left alone (a scenario runs on its own). */
export class ScenarioPanel {
  private readonly fileInput = element<HTMLInputElement>('scenario-file');
  private readonly download = element<HTMLButtonElement>('scenario-download');
  private readonly verdict = element<HTMLElement>('scenario-verdict');
  private readonly report = element<HTMLElement>('scenario-report');
  private run: PageScenarioRun | null = null;
  private fileName = '';
  /** The board timing a scenario runs at: the simulated treadmill's, as `npm run sim -- --board` sets it. */
  private readonly boardOf: () => TimedBoardName;

  constructor(boardOf: () => TimedBoardName) {
    this.boardOf = boardOf;
    this.fileInput.addEventListener('change', () => {
      const files = this.fileInput.files;
      if (files === null || files.length === 0) return;
      const file = files[0];
      this.fileName = file.name;
      this.showRunning();
      const reader = new FileReader();
      reader.onload = () => this.runText(String(reader.result), file.name);
      reader.onerror = () => this.showProblem(file.name + ': cannot read the file');
      reader.readAsText(file);
    });
    this.download.addEventListener('click', () => this.downloadTrace());
  }

  /**
   * Parse and run `text` as the scenario file `fileName`. Deferred by a timer so the page first
   * shows "running" (a long scenario takes a moment, since it runs on this thread).
   */
  runText(text: string, fileName: string): void {
    this.fileName = fileName;
    this.showRunning();
    window.setTimeout(() => {
      let run: PageScenarioRun;
      try {
        run = runPageScenario(parseScenarioText(text, fileName), this.boardOf());
      } catch (error) {
        this.showProblem((error as Error).message);
        return;
      }
      this.run = run;
      this.verdict.textContent = (run.passed ? 'PASS' : 'FAIL') + ': ' + run.result.name + ' (' + run.result.summary.expectations + ' expectations, ' + run.result.failures.length + ' problem(s), ' + run.result.summary.traceRows + ' trace rows)';
      this.verdict.className = 'verdict ' + (run.passed ? 'pass' : 'fail');
      this.report.textContent = run.lines.join('\n');
      this.download.disabled = false;
    }, 0);
  }

  private showRunning(): void {
    this.run = null;
    this.download.disabled = true;
    this.verdict.className = 'verdict';
    this.verdict.textContent = 'running ' + this.fileName + ' ...';
    this.report.textContent = '';
  }

  private showProblem(message: string): void {
    this.verdict.className = 'verdict fail';
    this.verdict.textContent = 'not run: the file has problems';
    this.report.textContent = message;
  }

  /** Hand the trace to the browser as a file (made in the page: nothing is fetched or sent). */
  private downloadTrace(): void {
    if (this.run === null) return;
    const url = URL.createObjectURL(new Blob([this.run.traceCsv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = traceFileName(this.fileName);
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click's task has run.
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
