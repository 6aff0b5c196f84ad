// Reads code that the espruino tool pretokenised back as text: the check that the flash stores the bundle the tests boot.

import { tokenizer } from 'acorn';

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
/** Codes of pretokenised literals (src/jslex.h, LEX_RAW_STRING8 on): a string by its length in one or two bytes, an integer 0, in one signed byte or two. */
const RAW_STRING8 = 0xd1;
const RAW_STRING16 = 0xd2;
const RAW_INT0 = 0xd3;
const RAW_INT8 = 0xd4;
const RAW_INT16 = 0xd5;

/**
 * `stored` (a Storage file as the flash leaves it, one character a byte) written back as source:
 * each token byte as its text, a space either side where a word would otherwise run into its
 * neighbour, each pretokenised string as a JSON string literal and each integer in decimal.
 * Throws on a byte it does not know, so a change in what the tool writes fails loudly.
 */
export function detokenise(stored: string): string {
  let text = '';
  for (let index = 0; index < stored.length; index++) {
    const code = stored.charCodeAt(index);
    if (code < FIRST_TOKEN_CODE) {
      text += stored[index];
    } else if (code === RAW_STRING8 || code === RAW_STRING16) {
      const length = code === RAW_STRING8 ? stored.charCodeAt(index + 1) : stored.charCodeAt(index + 1) | (stored.charCodeAt(index + 2) << 8);
      const start = index + (code === RAW_STRING8 ? 2 : 3);
      text += JSON.stringify(stored.slice(start, start + length));
      index = start + length - 1;
    } else if (code === RAW_INT0) {
      text += ' 0 ';
    } else if (code === RAW_INT8) {
      const byte = stored.charCodeAt(index + 1);
      text += ' ' + (byte > 127 ? byte - 256 : byte) + ' ';
      index += 1;
    } else if (code === RAW_INT16) {
      const word = stored.charCodeAt(index + 1) | (stored.charCodeAt(index + 2) << 8);
      text += ' ' + (word > 32767 ? word - 65536 : word) + ' ';
      index += 2;
    } else {
      const token = TOKEN_TEXTS[code - FIRST_TOKEN_CODE];
      if (token === undefined) throw new Error('unknown token code ' + code + ' at ' + index);
      text += /^[a-z]/.test(token) ? ' ' + token + ' ' : token;
    }
  }
  return text;
}

/**
 * `source` as the sequence of its tokens' kinds and values, so that two texts that differ only in
 * spacing, in how a string is quoted or escaped, or in how a number is written (1e3, 1000) read
 * the same. A template literal without substitutions counts as the string it is (the tool stores
 * it as one).
 */
export function tokenValues(source: string): string[] {
  const values: string[] = [];
  // acorn's tokens carry their value, which its type declarations leave out.
  const tokens = Array.from(tokenizer(source, { ecmaVersion: 2020 })) as unknown as { type: { label: string }; value: unknown }[];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const label = token.type.label;
    if (label === '`' && index + 2 < tokens.length && tokens[index + 1].type.label === 'template' && tokens[index + 2].type.label === '`') {
      values.push('string:' + String(tokens[index + 1].value));
      index += 2;
    } else if (label === 'num') values.push('num:' + String(Number(token.value)));
    else if (label === 'string') values.push('string:' + String(token.value));
    else values.push(label + ':' + (token.value === undefined ? '' : String(token.value)));
  }
  return values;
}
