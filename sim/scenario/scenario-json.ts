// Reads a scenario file's text as JSON the way the command line and the web console both do: a byte-order mark dropped, a syntax error named by file, line and column, with the line and a caret.

import { findJsonSyntaxError } from './json-syntax-error';

/**
 * The JSON value of `text`, the contents of the file `file`. Throws an Error whose message
 * starts with the file's name: at a syntax error `file:line:col: not valid JSON at line L,
 * column C: what was expected`, then the line and a caret under the column (V8's own message
 * often gives no position).
 */
export function parseScenarioJson(text: string, file: string): unknown {
  // An editor's byte-order mark is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.substring(1) : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    const syntax = findJsonSyntaxError(json);
    if (syntax === null) throw new Error(file + ': not valid JSON: ' + (error as Error).message);
    const caret = syntax.lineText.substring(0, syntax.column - 1).replace(/[^\t]/g, ' ') + '^';
    throw new Error(file + ':' + syntax.line + ':' + syntax.column + ': not valid JSON at line ' + syntax.line + ', column ' + syntax.column + ': ' + syntax.message + '\n  ' + syntax.lineText + '\n  ' + caret);
  }
}
