// Splits a script the way Espruino's console runs it: each line as soon as its brackets balance.

/**
 * Brackets opened minus closed in `text`, outside strings and comments, as the console counts them
 * (jsiCountBracketsInInput in Espruino's src/jsinteractive.c); stops at a closing bracket with
 * none open.
 */
function bracketBalance(text: string): number {
  let depth = 0;
  let quote = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quote !== '') {
      if (character === '\\') index++;
      else if (character === quote) quote = '';
    } else if (character === '"' || character === "'" || character === '`') {
      quote = character;
    } else if (character === '/' && text[index + 1] === '/') {
      const lineEnd = text.indexOf('\n', index);
      if (lineEnd < 0) break;
      index = lineEnd;
    } else if (character === '{' || character === '[' || character === '(') {
      depth++;
    } else if (character === '}' || character === ']' || character === ')') {
      depth--;
      if (depth < 0) break;
    }
  }
  return depth;
}

/**
 * The pieces a board's console runs one after another when `script` arrives line by line: lines
 * gather until their brackets balance, then run as one. A statement continued on the next line
 * after a balanced one (an `else` on a line of its own) becomes a piece of its own, which is a
 * syntax error on the board.
 */
export function consoleStatements(script: string): string[] {
  const pieces: string[] = [];
  let pending = '';
  script.split('\n').forEach((line) => {
    pending = pending === '' ? line : pending + '\n' + line;
    if (bracketBalance(pending) <= 0) {
      if (pending.trim() !== '') pieces.push(pending);
      pending = '';
    }
  });
  if (pending.trim() !== '') pieces.push(pending);
  return pieces;
}
