// Finds where JSON text first breaks the grammar, as a line and column: V8's own messages often give no position.

/** The first syntax error of a JSON text: 1-based line and column, and what was expected there. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  /** E.g. `expected "," or "}" after a property value, got "\"b\""`. */
  message: string;
  /** The text of that line, for a caret under the column. */
  lineText: string;
}

/** Thrown inside the scanner with the offset of the problem. */
interface ScanStop {
  offset: number;
  message: string;
}

function stop(offset: number, message: string): never {
  const problem: ScanStop = { offset, message };
  throw problem;
}

function isStop(value: unknown): value is ScanStop {
  return value !== null && typeof value === 'object' && typeof (value as ScanStop).offset === 'number' && typeof (value as ScanStop).message === 'string';
}

/** A recursive-descent reader of RFC 8259 JSON that only checks, remembering nothing. */
class Scanner {
  private offset = 0;

  constructor(private readonly text: string) {}

  /** Check the whole text; throws a ScanStop at the first problem. */
  document(): void {
    this.value(0);
    this.space();
    if (this.offset < this.text.length) stop(this.offset, 'unexpected ' + this.shown() + ' after the end of the JSON value');
  }

  private shown(): string {
    if (this.offset >= this.text.length) return 'end of file';
    return JSON.stringify(this.text.charAt(this.offset));
  }

  private space(): void {
    while (this.offset < this.text.length && ' \t\n\r'.indexOf(this.text.charAt(this.offset)) >= 0) this.offset++;
  }

  private expect(character: string, context: string): void {
    this.space();
    if (this.text.charAt(this.offset) !== character) stop(this.offset, 'expected "' + character + '" ' + context + ', got ' + this.shown());
    this.offset++;
  }

  private value(depth: number): void {
    // Deep nesting is no scenario's; the limit keeps a hostile file from overflowing the stack here.
    if (depth > 500) stop(this.offset, 'nested more than 500 levels deep');
    this.space();
    const character = this.text.charAt(this.offset);
    if (character === '{') this.object(depth);
    else if (character === '[') this.array(depth);
    else if (character === '"') this.string();
    else if (character === '-' || (character >= '0' && character <= '9')) this.number();
    else if (!this.word('true') && !this.word('false') && !this.word('null')) {
      stop(this.offset, 'expected a value (object, array, string, number, true, false or null), got ' + this.shown() + (character === "'" ? ' (JSON strings take double quotes)' : ''));
    }
  }

  private word(word: string): boolean {
    if (this.text.substring(this.offset, this.offset + word.length) !== word) return false;
    this.offset += word.length;
    return true;
  }

  private object(depth: number): void {
    this.offset++;
    this.space();
    if (this.text.charAt(this.offset) === '}') {
      this.offset++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text.charAt(this.offset) !== '"') stop(this.offset, 'expected a property name in double quotes, got ' + this.shown() + (this.text.charAt(this.offset) === '}' ? ' (a comma before "}" is not allowed)' : ''));
      this.string();
      this.expect(':', 'after a property name');
      this.value(depth + 1);
      this.space();
      const next = this.text.charAt(this.offset);
      if (next === '}') {
        this.offset++;
        return;
      }
      if (next !== ',') stop(this.offset, 'expected "," or "}" after a property value, got ' + this.shown());
      this.offset++;
    }
  }

  private array(depth: number): void {
    this.offset++;
    this.space();
    if (this.text.charAt(this.offset) === ']') {
      this.offset++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text.charAt(this.offset) === ']') stop(this.offset, 'expected a value, got "]" (a comma before "]" is not allowed)');
      this.value(depth + 1);
      this.space();
      const next = this.text.charAt(this.offset);
      if (next === ']') {
        this.offset++;
        return;
      }
      if (next !== ',') stop(this.offset, 'expected "," or "]" after an array element, got ' + this.shown());
      this.offset++;
    }
  }

  private string(): void {
    const start = this.offset;
    this.offset++;
    while (this.offset < this.text.length) {
      const character = this.text.charAt(this.offset);
      if (character === '"') {
        this.offset++;
        return;
      }
      if (character < ' ') stop(this.offset, 'a control character (a line break?) inside a string; write it as an escape such as \\n');
      if (character === '\\') {
        const escape = this.text.charAt(this.offset + 1);
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.substring(this.offset + 2, this.offset + 6))) stop(this.offset, 'expected four hex digits after \\u');
          this.offset += 6;
          continue;
        }
        if ('"\\/bfnrt'.indexOf(escape) < 0 || escape === '') stop(this.offset, 'unknown escape \\' + escape + ' in a string');
        this.offset += 2;
        continue;
      }
      this.offset++;
    }
    stop(start, 'a string that never ends (no closing double quote)');
  }

  private number(): void {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.substring(this.offset, this.offset + 400));
    if (match === null) stop(this.offset, 'a malformed number');
    this.offset += match[0].length;
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Scanner(text).document();
    return null;
  } catch (error) {
    if (!isStop(error)) throw error;
    const before = text.substring(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    return {
      line: before.split('\n').length,
      column: error.offset - lineStart + 1,
      message: error.message,
      lineText: text.substring(lineStart, lineEnd).replace(/\r$/, ''),
    };
  }
}
