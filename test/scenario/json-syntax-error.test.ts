// Tests the JSON syntax locator the scenario command line uses: the line and column of the first error, and none for valid JSON.

import { strict as assert } from 'assert';
import { findJsonSyntaxError } from '../../sim/scenario/json-syntax-error';

describe('findJsonSyntaxError (sim/scenario/json-syntax-error.ts)', () => {
  it('finds nothing wrong in valid JSON of every kind', () => {
    ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ', '"text"', '0', '[{}]'].forEach((text) => {
      JSON.parse(text);
      assert.equal(findJsonSyntaxError(text), null, text);
    });
  });

  const cases: { title: string; text: string; line: number; column: number; words: string }[] = [
    { title: 'a missing comma between properties', text: '{\n  "a": 1\n  "b": 2\n}', line: 3, column: 3, words: 'expected "," or "}" after a property value' },
    { title: 'a trailing comma in an object', text: '{\n  "a": 1,\n}', line: 3, column: 1, words: 'a comma before "}" is not allowed' },
    { title: 'a trailing comma in an array', text: '[1, 2, ]', line: 1, column: 8, words: 'a comma before "]" is not allowed' },
    { title: 'single quotes', text: "{'a': 1}", line: 1, column: 2, words: 'expected a property name in double quotes' },
    { title: 'a single-quoted value', text: "{\"a\": 'x'}", line: 1, column: 7, words: 'JSON strings take double quotes' },
    { title: 'a misspelt literal', text: '{"a": tru}', line: 1, column: 7, words: 'expected a value' },
    { title: 'a cut-off file', text: '{"name": "x", ', line: 1, column: 15, words: 'got end of file' },
    { title: 'a string that never ends', text: '{"a": "abc}', line: 1, column: 7, words: 'never ends' },
    { title: 'a line break inside a string', text: '{"a": "ab\ncd"}', line: 1, column: 10, words: 'control character' },
    { title: 'a bad escape', text: '{"a": "\\q"}', line: 1, column: 8, words: 'unknown escape \\q' },
    { title: 'a leading zero', text: '[01]', line: 1, column: 3, words: 'expected "," or "]"' },
    { title: 'a comment', text: '{\n  // note\n  "a": 1\n}', line: 2, column: 3, words: 'expected a property name' },
    { title: 'text after the value', text: '{"a": 1} x', line: 1, column: 10, words: 'after the end of the JSON value' },
    { title: 'a missing colon', text: '{"a" 1}', line: 1, column: 6, words: 'expected ":" after a property name' },
  ];

  cases.forEach((item) => {
    it('locates ' + item.title + ' at line ' + item.line + ', column ' + item.column, () => {
      assert.throws(() => JSON.parse(item.text), 'the case must be invalid JSON');
      const error = findJsonSyntaxError(item.text);
      assert.ok(error !== null, 'no error found');
      assert.equal(error.line, item.line, error.message);
      assert.equal(error.column, item.column, error.message);
      assert.ok(error.message.indexOf(item.words) >= 0, error.message);
      assert.equal(error.lineText, item.text.split('\n')[item.line - 1]);
    });
  });
});
