// The wired console's line protocol: one JSON request a line in, one JSON reply a line out, over the Espruino console.

import type { Command, CommandResult } from './command';
import type { TreadmillConsole } from './treadmill-console';
import type { TreadmillStatus } from './treadmill-status';

/**
 * Longest request line taken, characters. Why a limit: a flood or a runaway sender must not
 * exhaust the board's memory; a real request is well under 200 characters (a custom program goes
 * by name once stored; the full edition takes longer lines for an upload: ConsoleCommands).
 */
export const MAX_LINE_LENGTH = 512;

/**
 * Requests, each `{"id": ..., "cmd": "...", ...}` (the id, a number or a short string, is
 * echoed in the reply so a host can match them; it may be left out). Commands on the wired
 * console count as local: a person at the machine types them. The fields each takes, beside `cmd`:
 */
const REQUEST_TABLE = 'status help start stop clearFault slowDown freeBelt speedUp speedDown speed:kph direction:direction incline:pct homeIncline program:name programStatus pause resume skip calibrate watch:everyMs unwatch memory';

/**
 * The table of REQUEST_TABLE (each entry `cmd` or `cmd:field`): the command's name to the fields
 * it takes. Built when a request arrives, not kept: a table kept from boot held about 60 of the
 * Pico's variables for good, for requests that come seldom.
 */
function requestFields(): { [cmd: string]: string[] } {
  const table: { [cmd: string]: string[] } = {};
  REQUEST_TABLE.split(' ').forEach((entry) => {
    const parts = entry.split(':');
    table[parts[0]] = parts.slice(1);
  });
  return table;
}

/**
 * The commands only the full edition answers (firmware/training-console.ts adds them): an
 * edition without them says so instead of "unknown". One string: on the Pico every byte counts.
 */
const FULL_EDITION_COMMANDS = 'settings set history suggestion programs upload deleteProgram beltDistance calibration';

/**
 * Commands an edition adds to the protocol (the full edition's: firmware/training-console.ts):
 * the fields each takes, the longest line it takes, and the answer to a request whose fields
 * were already checked by name (the answer checks their values). Never throws on bad values.
 */
export interface ConsoleCommands {
  fields: { [cmd: string]: string[] };
  /** Longest request line, characters (an upload carries a whole program); MAX_LINE_LENGTH without. */
  maxLineLength: number;
  answer(request: { [key: string]: unknown }, cmd: string): ConsoleReply;
}

/** Shortest and longest period of the status stream, ms (a board's console is slow; a stream is for a person or a plot). */
export const WATCH_MIN_MS = 200;
export const WATCH_MAX_MS = 60000;

/**
 * Status fields a `status` reply carries (the whole status holds more than a line should); one
 * string, split when a reply is made: a list kept from boot held the Pico's variables for good.
 */
const STATUS_FIELDS = 'state direction pendingDirection targetSpeedKph measuredSpeedKph beltStill keyPresent fault countdownRemainingMs reason distanceM inclinePct targetInclinePct';

/**
 * A request's fields (the line is JSON, so these names are a format: scripts/property-mangling.ts
 * keeps them, and the reply's, in every edition).
 */
export interface ConsoleRequest {
  id?: number | string;
  cmd: string;
  kph?: number;
  pct?: number;
  direction?: string;
  name?: string;
  everyMs?: number;
}

/** A line of the status stream (`{"event": "status", ...the status fields}`) or a state change's (`{"event": "state", ...}`). */
export interface ConsoleEvent {
  event: string;
  from?: string;
  to?: string;
  reason?: string;
  fault?: string | null;
  timeMs?: number;
}

/** A reply: `ok` with the firmware's message (and data), or an error that names the problem. */
export interface ConsoleReply {
  id?: number | string;
  ok: boolean;
  message?: string;
  error?: string;
  data?: object;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A refusal that names the problem (one function: on the Pico every repeated literal costs bytes). */
export function refused(error: string): ConsoleReply {
  return { ok: false, error: error };
}

/** Round a figure for a reply line: two decimals say enough, and the line stays short. */
export function rounded(value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value * 100) / 100 : value;
}

/** The status fields a reply or a stream line carries. */
export function statusData(treadmill: TreadmillConsole): object {
  const status = treadmill.status();
  const data: { [key: string]: unknown } = {};
  (STATUS_FIELDS.split(' ') as (keyof TreadmillStatus)[]).forEach((field) => {
    data[field] = rounded(status[field]);
  });
  return data;
}

function fromResult(result: CommandResult): ConsoleReply {
  return result.accepted ? { ok: true, message: result.message } : refused(result.message);
}

/** The firmware command a request asks for, or a reply saying why there is none. */
function commandOf(request: { [key: string]: unknown }, cmd: string): Command | ConsoleReply {
  const local = 'local' as const;
  if (cmd === 'speed') {
    const kph = request.kph;
    if (typeof kph !== 'number' || !isFinite(kph)) return refused('speed: "kph" must be a number of km/h');
    return { name: 'setSpeed', source: local, speedKph: kph };
  }
  if (cmd === 'direction') {
    const direction = request.direction;
    if (direction !== 'forward' && direction !== 'backward') return refused('direction: "direction" must be "forward" or "backward"');
    return { name: 'setDirection', source: local, direction: direction };
  }
  if (cmd === 'incline') {
    const pct = request.pct;
    if (typeof pct !== 'number' || !isFinite(pct)) return refused('incline: "pct" must be a number of percent');
    return { name: 'setIncline', source: local, inclinePct: pct };
  }
  if (cmd === 'program') {
    const name = request.name;
    if (typeof name !== 'string' || name === '') return refused('program: "name" must be a program\'s name');
    return { name: 'startProgram', source: local, program: name };
  }
  return { name: cmd as Command['name'], source: local };
}

/** Answer one parsed request (see REQUEST_TABLE and `added`, the edition's own commands or null). */
function answer(request: unknown, treadmill: TreadmillConsole, added: ConsoleCommands | null): ConsoleReply {
  if (!isPlainObject(request)) return refused('a request is a JSON object {"cmd": ...}');
  const cmd = request.cmd;
  // Every command this edition takes, with its fields.
  const base = requestFields();
  const all: { [cmd: string]: string[] } = added !== null ? Object.assign({}, base, added.fields) : base;
  const names = Object.keys(all);
  // Own names only: "constructor" or "toString" are no commands.
  if (typeof cmd !== 'string' || names.indexOf(cmd) < 0) {
    if (FULL_EDITION_COMMANDS.split(' ').indexOf(cmd as string) >= 0) return refused(cmd + ': not in this edition');
    return refused((typeof cmd === 'string' ? 'unknown cmd "' + cmd.slice(0, 32) + '"' : '"cmd" missing') + ': one of ' + names.join(', '));
  }
  const fields = all[cmd];
  const unknown = Object.keys(request).filter((key) => key !== 'id' && key !== 'cmd' && fields.indexOf(key) < 0);
  if (unknown.length > 0) return refused(cmd + ': unknown field "' + unknown[0].slice(0, 32) + '"' + (fields.length > 0 ? ' (takes ' + fields.join(', ') + ')' : ' (takes none)'));
  if (cmd === 'status') return { ok: true, data: statusData(treadmill) };
  if (cmd === 'help') return { ok: true, message: 'commands: ' + names.map((name) => (all[name].length > 0 ? name + ' ' + all[name].join(' ') : name)).join(', ') };
  // A command of `all` that this table lacks is the edition's own (`all` holds only own names, checked above).
  if (base[cmd] === undefined) return (added as ConsoleCommands).answer(request, cmd);
  if (cmd === 'memory') {
    const report = treadmill.memoryReport();
    return report !== null ? { ok: true, data: report } : refused('memory: this board does not report it');
  }
  if (cmd === 'programStatus') return { ok: true, data: treadmill.programStatus() };
  if (cmd === 'homeIncline') return fromResult(treadmill.homeIncline());
  if (cmd === 'unwatch') return fromResult(treadmill.unwatch());
  if (cmd === 'watch') {
    const everyMs = request.everyMs;
    if (typeof everyMs !== 'number' || !(everyMs >= WATCH_MIN_MS && everyMs <= WATCH_MAX_MS)) return refused('watch: "everyMs" must be ' + WATCH_MIN_MS + '-' + WATCH_MAX_MS + ' ms');
    return fromResult(treadmill.watch(everyMs));
  }
  const command = commandOf(request, cmd);
  if ((command as ConsoleReply).ok === false) return command as ConsoleReply;
  return fromResult(treadmill.command(command as Command));
}

/**
 * Answer one request line: never throws, whatever the line holds; a line that is too long, not
 * JSON, not a request, or asks for something unknown gets an error that names the problem and
 * changes nothing. `added`: the edition's own commands (TreadmillFeatures.makeConsoleCommands),
 * absent in the small editions. Returns the reply as one line of JSON.
 */
export function consoleReplyLine(line: unknown, treadmill: TreadmillConsole, added?: ConsoleCommands | null): string {
  const maxLength = added ? added.maxLineLength : MAX_LINE_LENGTH;
  let reply: ConsoleReply = refused('a request is one line of text');
  let request: unknown = null;
  if (typeof line !== 'string') return JSON.stringify(reply);
  if (line.length > maxLength) return JSON.stringify(refused('line too long: ' + line.length + ' characters, at most ' + maxLength));
  try {
    request = JSON.parse(line);
  } catch (error) {
    return JSON.stringify(refused('not JSON: ' + String(error).slice(0, 80)));
  }
  try {
    reply = answer(request, treadmill, added || null);
  } catch (error) {
    // A firmware error is the firmware's to handle (it latches a control error in the tick);
    // the console says what happened and carries on.
    reply = refused('failed: ' + String(error).slice(0, 80));
  }
  if (isPlainObject(request) && (typeof request.id === 'number' || (typeof request.id === 'string' && request.id.length <= 32))) reply.id = request.id as number | string;
  return JSON.stringify(reply);
}
