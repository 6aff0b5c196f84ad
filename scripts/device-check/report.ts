// The device check's table (one row per board, reasons below) and its JSON record.

import { freeShareAtPeak, MAX_TICK_SHARE, MIN_FREE_SHARE, percent, timerShares, type BoardMeasurement, type BoardVerdict } from './verdict';

export interface BoardRow {
  measurement: BoardMeasurement;
  verdict: BoardVerdict;
}

const HEADERS = ['board', 'edition', 'stored / area (bytes)', 'harness', 'vars after boot', 'peak', 'free at peak', 'instr/tick (max)', 'cycles/instr', 'board ms (max)', 'period', 'share', 'verdict'];

function thousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function millions(value: number): string {
  return (value / 1e6).toFixed(2) + ' M';
}

/** The cells of one row ('-' where nothing was measured). */
export function rowCells(row: BoardRow): string[] {
  const m = row.measurement;
  const v = row.verdict;
  const memory = m.memory;
  const tick = m.tick;
  const machine = m.machine;
  return [
    m.board,
    m.edition,
    thousands(m.bundleBytes) + ' / ' + thousands(m.savedCodeBytes),
    m.harnessVariables !== null ? String(m.harnessVariables) : '-',
    memory ? memory.afterBoot + ' / ' + memory.total : m.memoryFailure !== '' ? (m.memoryFailure.indexOf('loading') >= 0 ? 'OOM at load' : 'OOM in session') + ' / ' + m.totalVariables : '-',
    memory ? String(memory.peak) : '-',
    memory ? percent(freeShareAtPeak(memory), 'down') : '-',
    tick ? millions(tick.meanInstructions) + ' (' + millions(tick.maxInstructions) + ')' : '-',
    machine ? machine.cyclesPerInstruction.toFixed(1) + ' @ ' + machine.clockMhz + ' MHz' : '-',
    v.tickMs !== null && v.tickMaxMs !== null ? v.tickMs.toFixed(1) + ' (' + v.tickMaxMs.toFixed(1) + ')' : '-',
    m.controlPeriodMs + ' ms',
    v.tickShare !== null ? percent(v.tickShare, 'up') : '-',
    v.verdict,
  ];
}

/**
 * The firmware's other periodic work beside the tick, in words: the other intervals (display,
 * FTMS) and the display bus, as shares of the CPU over the session, and with the running tick's
 * share the whole while the belt runs. '' when the tick was not measured.
 */
export function loadLine(row: BoardRow): string {
  const tick = row.measurement.tick;
  const machine = row.measurement.machine;
  if (tick === null || machine === null || row.verdict.tickShare === null) return '';
  const shares = timerShares(tick, machine);
  const parts = ['other intervals ' + tick.timerCalls + ' calls, ' + millions(tick.timerInstructions) + ' in ' + (tick.sessionMs / 1000).toFixed(0) + ' s: ' + percent(shares.timers, 'up') + ' of the CPU (bus and radio fakes in)'];
  if (tick.displayBitrateHz > 0) parts.push('display bus ' + thousands(tick.displayBytes) + ' bytes at ' + tick.displayBitrateHz / 1000 + ' kHz: ' + percent(shares.displayBus, 'up'));
  parts.push('with the tick ' + percent(row.verdict.tickShare + shares.timers + shares.displayBus, 'up') + ' of the CPU while running');
  return parts.join(', ');
}

/** The table and the reasons, as lines. */
export function formatReport(rows: BoardRow[]): string[] {
  const table = [HEADERS].concat(rows.map(rowCells));
  const widths = HEADERS.map((_header, column) => Math.max(...table.map((cells) => cells[column].length)));
  const lines = table.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  lines.push('');
  lines.push(
    'Criteria: boots and runs its session; >= ' + MIN_FREE_SHARE * 100 + ' % of the variables free at peak; tick <= ' + MAX_TICK_SHARE * 100 +
      ' % of the control period (mean over the running ticks, x86 instructions on espruino_timing32 x cycles per instruction / board clock).',
  );
  lines.push(
    'Variables: "vars after boot" and "peak" are process.memory() on the board\'s interpreter, harness included (after a garbage collection; ' +
      'peak sampled after every event of the session); "harness" is its own, counted at the end of .boot0 over the empty interpreter; ' +
      '"free at peak" is for the board: the peak less the harness. Instructions are the tick\'s alone: the harness, its belt plant, the ' +
      'measured call\'s own cost and the fake pin functions\' extra cost over the natives (calibrated in the same run) are taken off; ' +
      'analogWrite and analogRead, which have no working native on Linux, stay in as their fakes. ' +
      'Other intervals (the display\'s redraw, FTMS data) are measured apart in the timing run, with the fakes of the display bus and ' +
      'the radio left in; the display bus\'s own transfer time is its bytes at 9 bits each at the bit rate the firmware set. Not criteria: ' +
      'the tick is budgeted (issue 10); these say how much of the CPU is left beside it.',
  );
  rows.forEach((row) => {
    const m = row.measurement;
    const tick = m.tick;
    const details: string[] = [];
    if (m.checksRun > 0) details.push('session checks ' + m.checksPassed + '/' + m.checksRun + ' ok');
    if (m.memory) details.push(percent((m.memory.total - m.memory.peak) / m.memory.total, 'down') + ' free at peak with the harness');
    if (tick) {
      details.push(tick.runningTicks + ' running ticks of ' + tick.allTicks + ', mean of all ticks ' + millions(tick.meanAllInstructions));
      details.push('taken off each tick: the measured call ' + thousands(tick.wrapperInstructions) + ', ' + tick.pinCallsPerTick.toFixed(1) + ' fake pin calls ' + thousands(tick.pinOverheadInstructions) + ' over natives');
    }
    const load = loadLine(row);
    if (load !== '') details.push(load);
    lines.push(m.board + ': ' + row.verdict.verdict + (details.length > 0 ? ' (' + details.join('; ') + ')' : ''));
    row.verdict.reasons.forEach((reason) => lines.push('  - ' + reason));
    m.notes.forEach((note) => lines.push('  - note: ' + note));
  });
  return lines;
}

/** The JSON record of a run (dist/device-check.json). */
export function reportJson(rows: BoardRow[], espruinoDir: string): object {
  return {
    tool: 'npm run check:device',
    espruinoDir,
    criteria: { minFreeShareAtPeak: MIN_FREE_SHARE, maxTickShare: MAX_TICK_SHARE },
    boards: rows.map((row) => ({
      ...row.measurement,
      verdict: row.verdict.verdict,
      reasons: row.verdict.reasons,
      freeShareAtPeak: row.verdict.freeShare,
      tickMs: row.verdict.tickMs,
      tickMaxMs: row.verdict.tickMaxMs,
      tickShare: row.verdict.tickShare,
      timerShares: row.measurement.tick !== null && row.measurement.machine !== null ? timerShares(row.measurement.tick, row.measurement.machine) : null,
    })),
  };
}
