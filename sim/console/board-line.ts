// What one line from a board's Espruino console is: a protocol reply, a stream event, a log line, or REPL noise.

import type { ConsoleEvent, ConsoleReply, ConsoleRequest } from './console-lines';

export type BoardLine =
  | { kind: 'reply'; reply: ConsoleReply }
  | { kind: 'event'; event: ConsoleEvent }
  | { kind: 'log'; text: string }
  | { kind: 'noise' };

/**
 * Sort one line (without its newline) the board printed. Only a line that is a JSON object is the
 * protocol's; an object with `ok` is a reply, one with a string `event` an event. The REPL's own
 * output is noise: its prompt `>` (which may also stand before a line the board printed), results
 * such as `=undefined`, blank lines. Anything else (`info: ...`, an error message) is the board's log.
 * Never throws, whatever the line holds.
 */
export function classifyBoardLine(rawLine: string): BoardLine {
  const line = rawLine.replace(/\r/g, '').replace(/^>+/, '').trim();
  if (line === '' || /^=/.test(line)) return { kind: 'noise' };
  if (line.charAt(0) === '{') {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(line);
    } catch (_error) {
      return { kind: 'log', text: line };
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const record = parsed as { [field: string]: unknown };
      if (typeof record.ok === 'boolean') return { kind: 'reply', reply: record as unknown as ConsoleReply };
      if (typeof record.event === 'string') return { kind: 'event', event: record as ConsoleEvent };
    }
  }
  return { kind: 'log', text: line };
}

/** A JavaScript string literal of `text` in plain ASCII (a board's console may not pass other bytes through as sent). */
function asciiStringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (character) => '\\u' + character.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * The bytes that send `request` with `id` to a board: `\x10rt("<the request as JSON>")` and a
 * newline. \x10 at the start of a line tells Espruino's REPL not to echo it; `rt` is the global the
 * device boot defines (hal/espruino/boot.ts), which prints the reply as one line of JSON.
 */
export function boardRequestText(request: ConsoleRequest, id: number): string {
  const line = JSON.stringify(Object.assign({ id: id }, request));
  return '\u0010rt(' + asciiStringLiteral(line) + ')\n';
}

/**
 * The bytes that ask a board for its session figures with `id`: the protocol has no request for
 * them yet, so this reads them through the console handle `treadmill` (its names are kept in every
 * edition: scripts/property-mangling.ts) and prints them as a reply line.
 */
export function boardSessionFiguresText(id: number): string {
  return '\u0010console.log(JSON.stringify({id:' + id + ',ok:true,data:treadmill.status().metrics}))\n';
}
