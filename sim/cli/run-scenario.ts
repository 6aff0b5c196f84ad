// `npm run sim -- <file> [--trace out.csv] [--ftms-log out.jsonl] [--quiet]`: runs one scenario file against the firmware and reports.

import { readFileSync } from 'fs';
import { bootTreadmill } from '../../firmware/index';
import { formatSpeed, type SpeedUnits } from '../../firmware/core/units';
import { parseScenario } from '../scenario/parse-scenario';
import { runScenario, type ScenarioResult } from '../scenario/run-scenario';
import type { Scenario } from '../scenario/scenario-types';
import { formatTraceCsvRow, TRACE_CSV_HEADER } from '../scenario/trace-csv';
import { headlineLine, scenarioUnits, summaryLine, summaryLines as reportSummaryLines, verdictLines } from '../scenario/scenario-report';
import { readMachineFile, type MachineDescription } from '../../scripts/machine-description';
import { onMachine, scenarioMachine } from './scenario-machine';
import type { TraceRow } from '../scenario/trace-row';
import { DEFAULT_SIM_OPTIONS } from '../sim-treadmill';
import type { TimedBoardName } from '../../hal/espruino/boards/board-timing';
import { boardConfig, boardSimOptions, boardTimingLabel, DEFAULT_BOARD, parseBoardName } from './board-timing-options';
import { BufferedLineWriter } from './buffered-line-writer';
import { FtmsLogWriter } from './ftms-log-writer';
import { parseScenarioJson } from '../scenario/scenario-json';
import { watchStdoutReader, writeStdout } from './stdout-writer';

const USAGE = [
  'usage: npm run sim -- <scenario.json> [--machine FILE] [--board NAME] [--trace out.csv] [--trace-every-ms N] [--ftms-log FILE] [--quiet] [--log]',
  '  --machine FILE      run on this machine (README.md, "Your machine") when the scenario names none;',
  '                      without it, such a scenario runs on the reference treadmill it was written for',
  '  --board NAME        simulate that board\'s control period and tick time: esp32 (default), pico, jolt',
  '  --trace FILE        write the trace (one row per control tick) as CSV',
  '  --trace-every-ms N  thin the trace to one row every N ms',
  '  --ftms-log FILE     give the board Bluetooth FTMS and write, as JSON lines, every value it sets or',
  '                      sends and every control point write it receives: {"atS", "characteristic", "hex"}',
  '  --quiet             print only failures and the verdict',
  '  --log               print every step, reboot and firmware log line as it happens',
  'exit status: 0 all expectations met, 1 some failed, 2 bad arguments or a bad scenario file (every problem named, up to 20)',
].join('\n');

/** Exit statuses, as the usage text promises. */
const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_BAD_INPUT = 2;

interface Arguments {
  file: string;
  machinePath: string | null;
  board: TimedBoardName;
  tracePath: string | null;
  traceEveryMs: number;
  ftmsLogPath: string | null;
  quiet: boolean;
  log: boolean;
}

/** Thrown for problems the user must fix in the command line or the file (exit status 2). */
function badInput(message: string): Error {
  const error = new Error(message);
  (error as Error & { badInput: boolean }).badInput = true;
  return error;
}

/** A bad command line: the message, then the usage text. */
function badUsage(message: string): Error {
  const error = badInput(message);
  (error as Error & { usage: boolean }).usage = true;
  return error;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { file: '', machinePath: null, board: DEFAULT_BOARD, tracePath: null, traceEveryMs: 0, ftmsLogPath: null, quiet: false, log: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--help' || argument === '-h') {
      writeStdout(USAGE + '\n');
      process.exit(EXIT_PASSED);
    } else if (argument === '--trace') {
      if (index + 1 >= argv.length) throw badUsage('--trace needs a file name');
      parsed.tracePath = argv[++index];
    } else if (argument === '--ftms-log') {
      if (index + 1 >= argv.length) throw badUsage('--ftms-log needs a file name');
      parsed.ftmsLogPath = argv[++index];
    } else if (argument === '--machine') {
      if (index + 1 >= argv.length) throw badUsage('--machine needs a machine file');
      parsed.machinePath = argv[++index];
    } else if (argument === '--board') {
      if (index + 1 >= argv.length) throw badUsage('--board needs a board name');
      try {
        parsed.board = parseBoardName(argv[++index]);
      } catch (error) {
        throw badUsage((error as Error).message);
      }
    } else if (argument === '--trace-every-ms') {
      const value = Number(argv[++index]);
      if (!(value > 0)) throw badUsage('--trace-every-ms needs a number of milliseconds above 0');
      parsed.traceEveryMs = value;
    } else if (argument === '--quiet') parsed.quiet = true;
    else if (argument === '--log') parsed.log = true;
    else if (argument.indexOf('--') === 0) throw badUsage('unknown option ' + argument);
    else if (parsed.file !== '') throw badUsage('one scenario file at a time (got ' + parsed.file + ' and ' + argument + ')');
    else parsed.file = argument;
  }
  if (parsed.file === '') throw badUsage('no scenario file given');
  return parsed;
}

/**
 * Read and validate the scenario file; every problem names the file. The scenario runs on the
 * machine its `machine` field names, else on the machine file `machinePath` (when given), else on
 * the reference treadmill (sim/scenario: DEFAULT_SIM_OPTIONS).
 */
export function loadScenarioFile(file: string, machinePath: string | null = null): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw badInput(file + ': cannot read: ' + (error as Error).message);
  }
  let json: unknown;
  try {
    json = parseScenarioJson(text, file);
  } catch (error) {
    throw badInput((error as Error).message);
  }
  // The machine is read here (it may name a file); parseScenario checks the rest, the root's kind
  // included. Both are checked, so the problems of each are reported together.
  const problems: string[] = [];
  const isObject = json !== null && typeof json === 'object' && !Array.isArray(json);
  const fields = isObject ? Object.assign({}, json as { [key: string]: unknown }) : json;
  let machine: MachineDescription | null = null;
  let scenario: Scenario | null = null;
  if (isObject) {
    try {
      machine = scenarioMachine((fields as { machine?: unknown }).machine, file);
    } catch (error) {
      problems.push((error as Error).message);
    }
    delete (fields as { machine?: unknown }).machine;
  }
  try {
    scenario = parseScenario(fields);
  } catch (error) {
    problems.push((error as Error).message);
  }
  // Every problem on its own line, each naming the file.
  if (scenario === null || problems.length > 0) {
    throw badInput(
      problems
        .join('\n')
        .split('\n')
        .map((line) => file + ': ' + line)
        .join('\n'),
    );
  }
  if (machine === null && machinePath !== null) {
    try {
      machine = readMachineFile(machinePath);
    } catch (error) {
      throw badInput((error as Error).message);
    }
  }
  return machine === null ? scenario : onMachine(scenario, machine);
}

/** The trace file: its header, then one CSV line per row. */
class CsvWriter {
  private readonly writer: BufferedLineWriter;

  constructor(path: string) {
    try {
      this.writer = new BufferedLineWriter(path, '--trace');
    } catch (error) {
      throw badInput((error as Error).message);
    }
    this.writer.line(TRACE_CSV_HEADER);
  }

  row(row: TraceRow): void {
    this.writer.line(formatTraceCsvRow(row));
  }

  close(): void {
    this.writer.close();
  }
}

// The live console's demo (start.ts) prints its summary with these too.
export { scenarioUnits } from '../scenario/scenario-report';

/** The summary as aligned "label  value" lines, speeds in `units` (km/h alongside for mph users). */
export function summaryLines(result: ScenarioResult, units: SpeedUnits = 'kph'): string[] {
  return reportSummaryLines(result, units === 'mph' ? (speedKph: number) => formatSpeed(speedKph, 'mph') : null);
}

function main(argv: string[]): number {
  const args = parseArguments(argv);
  const scenario = loadScenarioFile(args.file, args.machinePath);
  const writer = args.tracePath === null ? null : new CsvWriter(args.tracePath);
  let ftmsLog: FtmsLogWriter | null = null;
  try {
    ftmsLog = args.ftmsLogPath === null ? null : new FtmsLogWriter(args.ftmsLogPath);
  } catch (error) {
    if (writer !== null) writer.close();
    throw badInput((error as Error).message);
  }
  const ftmsLogWriter = ftmsLog;
  const say = (line: string) => writeStdout(line + '\n');
  const startedMs = performance.now();
  let result: ScenarioResult;
  try {
    result = runScenario(scenario, bootTreadmill, {
      // The board's control period beneath the scenario's config, its tick time as the output delay.
      defaultConfig: boardConfig(args.board),
      defaultSimOptions: Object.assign({}, DEFAULT_SIM_OPTIONS, boardSimOptions(args.board)),
      onTraceRow: writer === null ? undefined : (row: TraceRow) => writer.row(row),
      traceEveryMs: args.traceEveryMs,
      ftms: ftmsLogWriter !== null,
      onFtmsValue: ftmsLogWriter === null ? undefined : (timeS, characteristic, hex) => ftmsLogWriter.value(timeS, characteristic, hex),
      onEvent: args.log ? (timeS: number, text: string) => say(timeS.toFixed(3).padStart(9) + '  ' + text) : undefined,
      onLogLine: args.log ? (timeS: number, level: string, message: string) => say(timeS.toFixed(3).padStart(9) + '    ' + level + ' ' + message) : undefined,
    });
  } catch (error) {
    throw badInput(args.file + ': ' + (error as Error).message);
  } finally {
    if (writer !== null) writer.close();
    if (ftmsLogWriter !== null) ftmsLogWriter.close();
  }
  const wallMs = performance.now() - startedMs;
  if (!args.quiet) {
    say(headlineLine(scenario));
    summaryLines(result, scenarioUnits(scenario.config)).forEach(say);
    say(summaryLine('board timing', boardTimingLabel(args.board)));
    say(summaryLine('wall time', wallMs.toFixed(0) + ' ms'));
    if (args.tracePath !== null) say(summaryLine('trace', args.tracePath + ' (' + result.summary.traceRows + ' rows)'));
    if (args.ftmsLogPath !== null) say(summaryLine('ftms log', args.ftmsLogPath));
  }
  verdictLines(result).forEach(say);
  return result.passed ? EXIT_PASSED : EXIT_FAILED;
}

if (require.main === module) {
  watchStdoutReader();
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    const bad = (error as Error & { badInput?: boolean }).badInput === true;
    const usage = (error as Error & { usage?: boolean }).usage === true;
    // Bad input gets its one-line message; anything else is a bug here and gets its stack.
    const lines = bad ? (error as Error).message.split('\n') : [String((error as Error).stack || error)];
    process.stderr.write(lines.map((line) => 'error: ' + line).join('\n') + '\n' + (usage ? USAGE + '\n' : ''));
    process.exitCode = bad ? EXIT_BAD_INPUT : EXIT_FAILED;
  }
}
