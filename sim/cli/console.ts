// `npm run console -- --sim | --port PATH`: the host console, a command line that drives the treadmill through the board's line protocol.

import { parseBoardName, DEFAULT_BOARD } from './board-timing-options';
import { runConsoleSession, type LiveScreen } from './console-session';
import type { ConsoleTransport } from './console-transport';
import { PLOT_ROWS } from './live-view';
import { openSerialLink, SerialTransport } from './serial-transport';
import { SimTransport } from './sim-transport';
import { TerminalPanel } from './terminal-panel';
import { watchStdoutReader, writeStdout } from './stdout-writer';

const USAGE =
  'usage: npm run console -- --sim [--board esp32|pico|jolt]  |  --port PATH [--baud 115200]   (commands from the keyboard or piped in; help lists them)';
const DEFAULT_BAUD = 115200;
/** The live view's panel: title, status, program and the plot with its axis and legend (sim/cli/live-view.ts). */
const PANEL_ROWS = 10 + PLOT_ROWS + 2 + 1;

interface ConsoleArguments {
  simulated: boolean;
  board: string;
  port: string | null;
  baud: number;
}

function say(line: string): void {
  writeStdout(line + '\n');
}

/** The options, or a message saying what is wrong with them. */
function parseArguments(args: string[]): ConsoleArguments | string {
  const parsed: ConsoleArguments = { simulated: false, board: DEFAULT_BOARD, port: null, baud: DEFAULT_BAUD };
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--sim') parsed.simulated = true;
    else if (args[index] === '--board' && index + 1 < args.length) parsed.board = args[++index];
    else if (args[index] === '--port' && index + 1 < args.length) parsed.port = args[++index];
    else if (args[index] === '--baud' && index + 1 < args.length && /^\d+$/.test(args[index + 1])) parsed.baud = Number(args[++index]);
    else return USAGE;
  }
  if (parsed.simulated === (parsed.port !== null)) return USAGE;
  return parsed;
}

/** The live view when both ends are a terminal tall enough for it; plain lines otherwise (piped, CI). */
function liveScreen(): { screen: LiveScreen; panel: TerminalPanel } | null {
  if (!process.stdout.isTTY || !process.stdin.isTTY || (process.stdout.rows || 0) < PANEL_ROWS + 6) return null;
  const panel = new TerminalPanel(process.stdout, PANEL_ROWS);
  return { panel: panel, screen: { draw: (lines: string[]) => panel.draw(lines), widthColumns: () => process.stdout.columns || 80 } };
}

function main(args: string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    say(parsed);
    return Promise.resolve(2);
  }
  let opened: Promise<ConsoleTransport>;
  try {
    opened = parsed.port !== null ? openSerialLink(parsed.port, parsed.baud).then((link) => new SerialTransport(link, parsed.port as string)) : Promise.resolve(new SimTransport(parseBoardName(parsed.board)));
  } catch (error) {
    say(String(error instanceof Error ? error.message : error));
    return Promise.resolve(2);
  }
  return opened.then(
    (transport: ConsoleTransport) => {
      const live = liveScreen();
      if (live !== null) live.panel.open();
      return runConsoleSession({ transport: transport, input: process.stdin, say: say, screen: live !== null ? live.screen : null, terminal: live !== null }).then((status: number) => {
        if (live !== null) live.panel.close();
        return status;
      });
    },
    (error: Error) => {
      process.stderr.write(error.message + '\n');
      return 1;
    },
  );
}

watchStdoutReader();
main(process.argv.slice(2)).then((status: number) => {
  // A serial port or the live view's timers may keep Node alive: the session is over.
  process.exit(status);
});
