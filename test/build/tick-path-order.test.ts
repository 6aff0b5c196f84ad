// The control tick's functions go first among a device bundle's globals, and nothing else changes order.

import assert from 'node:assert/strict';
import { orderTickPathFirst } from '../../scripts/tick-path-order';

const SOURCE = [
  'var LIMIT = 3;',
  'function helper(a) { return a + LIMIT; }',
  'var TABLE = { a: 1, b: 2 };',
  'function hot(a) { return helper(a) * TABLE.a; }',
  'var DERIVED = { limit: LIMIT };',
  'hot(1);',
].join('\n');

/** The names the text declares at top level, in order. */
function topLevelOrder(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^(?:function|var) (\w+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => match[1]);
}

describe('tick path order', () => {
  it('moves the named functions and literal constants first, in the order named, and keeps the rest in order', () => {
    const result = orderTickPathFirst(SOURCE, ['hot', 'TABLE', 'nowhere']);
    assert.deepEqual(topLevelOrder(result.text), ['hot', 'TABLE', 'LIMIT', 'helper', 'DERIVED']);
    assert.deepEqual(result.missing, ['nowhere']);
    // Still the same program: the moved declarations only exist sooner.
    assert.equal(new Function(result.text.replace('hot(1);', 'return hot(1);'))(), 4);
  });

  it('refuses to move a constant whose initializer reads a global not moved before it (no hoisting on the board)', () => {
    assert.throws(() => orderTickPathFirst(SOURCE, ['DERIVED']), /DERIVED reads LIMIT/);
    assert.deepEqual(topLevelOrder(orderTickPathFirst(SOURCE, ['LIMIT', 'DERIVED']).text), ['LIMIT', 'DERIVED', 'helper', 'TABLE', 'hot']);
  });

  it('leaves a text with none of the names as it was', () => {
    assert.equal(orderTickPathFirst(SOURCE, ['absent']).text, SOURCE);
  });
});

describe('tick path order with joined variable statements', () => {
  it('takes one declarator out of a statement that declares several, keeping the others in place', () => {
    const source = 'var A = 1, B = { x: 2 }, C = A + 1;\nfunction f() { return B.x + C; }\nf();';
    const result = orderTickPathFirst(source, ['B', 'f']);
    assert.deepEqual(result.missing, []);
    assert.equal(result.text.split('\n')[0], 'var B = { x: 2 };');
    assert.match(result.text, /var A = 1,C = A \+ 1;/);
    assert.equal(new Function(result.text.replace('f();', 'return f();'))(), 4);
  });
});
