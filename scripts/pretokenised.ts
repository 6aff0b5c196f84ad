// Reads code that the espruino tool pretokenised back as text: the check that the flash stores the bundle the tests boot.

/**
 * Espruino's single-byte tokens, from code 138 on, in the lexer's numbering (src/jslex.h: the
 * operators from LEX_EQUAL, the arrow, then the reserved words from LEX_R_IF; the lexer's comment
 * there says the numbering never changes, because uploaded code relies on it). The espruino tool
 * writes each of these as its byte when the job's PRETOKENISE is on (.espruinorc); the
 * interpreter lexes the byte as the token, so it reads no characters for it.
 */
const TOKEN_TEXTS = [
  '==', '===', '!=', '!==', '<=', '<<', '<<=', '>=', '>>', '>>>', '>>=', '>>>=', '+=', '-=', '++', '--', '*=', '/=', '%=', '&=', '&&', '|=', '||', '^=', '=>',
  'if', 'else', 'do', 'while', 'for', 'break', 'continue', 'function', 'return', 'var', 'let', 'const', 'this', 'throw', 'try', 'catch', 'finally', 'true',
  'false', 'null', 'undefined', 'new', 'in', 'instanceof', 'switch', 'case', 'default', 'delete', 'typeof', 'void', 'debugger', 'class', 'extends', 'super',
  'static', 'of',
];
const FIRST_TOKEN_CODE = 138;
/** Codes the tool uses for pretokenised strings and integers (0xD1-0xD5): not expected with this job's settings. */
const FIRST_RAW_CODE = 0xd1;

/**
 * `stored` (a Storage file as the flash leaves it, one character a byte) with every token byte
 * written out as its text, a space either side where a word would otherwise run into its
 * neighbour. Throws on a pretokenised string or integer: the job does not ask for them (the tool
 * makes them only for a board whose version it has read on connecting), so one would mean the
 * upload changed.
 */
export function detokenise(stored: string): string {
  let text = '';
  for (let index = 0; index < stored.length; index++) {
    const code = stored.charCodeAt(index);
    if (code < FIRST_TOKEN_CODE) {
      text += stored[index];
      continue;
    }
    if (code >= FIRST_RAW_CODE) throw new Error('pretokenised literal (code 0x' + code.toString(16) + ') at ' + index + ': not expected from this job');
    const token = TOKEN_TEXTS[code - FIRST_TOKEN_CODE];
    if (token === undefined) throw new Error('unknown token code ' + code + ' at ' + index);
    text += /^[a-z]/.test(token) ? ' ' + token + ' ' : token;
  }
  return text;
}

/** `text` without its spaces and line breaks: pretokenising drops and adds only those outside string literals. */
export function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}
