// The bundle's one-expression functions are written into their calls only where that changes nothing.

import assert from 'node:assert/strict';
import { inlineFunctions } from '../../scripts/inline-functions';

/** Run a module's text (its `export` dropped) and return what its last line computes. */
function evaluate(text: string): unknown {
  const body = text.trim().split('\n');
  const last = body.pop() as string;
  return new Function(body.join('\n') + '\nreturn ' + last)();
}

describe('inline functions', () => {
  it('writes a one-expression function into its calls and removes it, with the same result', () => {
    const source = ['function twice(a) { return a * 2; }', 'function area(w, h) { return w * h; }', 'function f(x) { return area(twice(x), x + 1); }', 'f(3)'].join('\n');
    const result = inlineFunctions(source);
    assert.ok(result.inlined >= 3, 'inlined ' + result.inlined);
    assert.doesNotMatch(result.text, /function twice|function area|function f/);
    assert.equal(evaluate(result.text), evaluate(source));
    assert.equal(evaluate(result.text), 24);
  });

  it('keeps precedence: arguments and the expression are parenthesised', () => {
    const source = ['function half(a) { return a / 2; }', 'function neg(a) { return -a; }', 'var x = 3;', 'half(x + 1) * neg(x - 5)'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 2);
    assert.equal(evaluate(result.text), 4);
  });

  it('leaves a call whose argument calls or assigns (its evaluation would move or repeat)', () => {
    const source = ['var n = 0;', 'function next() { n++; return n; }', 'function sq(a) { return a * a; }', 'function id(a) { return a; }', 'sq(next()) + id(n = 5)'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 0);
    assert.equal(result.text, source);
  });

  it('leaves a call whose argument, read twice, would be computed twice', () => {
    const source = ['function sq(a) { return a * a; }', 'var o = { v: 3 };', 'sq(o.v) + sq(o.v + 1)'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 1, 'only sq(o.v)');
    assert.match(result.text, /sq\(o\.v \+ 1\)/);
    assert.equal(evaluate(result.text), 25);
  });

  it('leaves a call where a local variable would hide a name the expression reads', () => {
    const source = ['var LIMIT = 10;', 'function capped(a) { return a > LIMIT ? LIMIT : a; }', 'function g(a) { var LIMIT = 1; return capped(a) + LIMIT; }', 'g(50)'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 0);
    assert.equal(evaluate(result.text), 11);
  });

  it('keeps a function also used as a value, and leaves functions with statements, `this` or assignments alone', () => {
    const source = [
      'function guard(a) { return a > 1; }',
      'function two(a) { var b = a; return b; }',
      'function own() { return this; }',
      'function bump(o) { return o.n = 1; }',
      'var rows = [guard];',
      'guard(2) && rows[0](3) && two(1) === 1 && own() !== 1 && bump({}) === 1',
    ].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 1, 'only the call guard(2)');
    assert.match(result.text, /function guard/);
    assert.match(result.text, /function two/);
    assert.match(result.text, /function own/);
    assert.match(result.text, /function bump/);
    assert.equal(evaluate(result.text), true);
  });

  it('drops an argument the expression never reads only when it is pure, and counts arguments', () => {
    const source = ['function first(a, b) { return a; }', 'var o = { v: 2 };', 'first(1, o.v) + first(1)'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 1, 'first(1) passes too few arguments: left');
    assert.equal(evaluate(result.text), 2);
    assert.match(result.text, /first\(1\)/);
  });
});

describe('inline functions: object literals', () => {
  it('writes a shorthand property of a parameter as a named one', () => {
    const source = ['function point(speedKph, duty) { return { speedKph, duty }; }', 'var p = point(2, 0.5);', 'p.speedKph + p.duty'].join('\n');
    const result = inlineFunctions(source);
    assert.equal(result.inlined, 1);
    assert.equal(evaluate(result.text), 2.5);
  });
});
