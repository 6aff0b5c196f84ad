// The bundle's folded branches are written back as if statements with braced blocks, and the code does exactly what it did.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'acorn';
import { branchesAsBlocks } from '../../scripts/branches-as-blocks';

/** Run `body` as a function of (a, b, c, log) and return its result and the log it wrote. */
function run(body: string, a: number, b: number, c: number): { result: unknown; log: string[] } {
  const log: string[] = [];
  const result = new Function('a', 'b', 'c', 'log', body)(a, b, c, log);
  return { result, log };
}

describe('branches as blocks', () => {
  it('writes `a && (b, c)`, `a || b` and `a ? b : c` statements as if statements with blocks', () => {
    const source = 'function f(a,b){a&&(b.x=1,b.y=2);a||g(bbbbbbbbbb);a?b.q=12345678:b.r=3}';
    const result = branchesAsBlocks(source);
    assert.equal(result.text, 'function f(a,b){if(a){b.x=1;b.y=2;}if(!(a)){g(bbbbbbbbbb);}if(a){b.q=12345678;}else{b.r=3;}}');
    assert.equal(result.rewritten, 3);
  });

  it('splits `return s, r` and a conditional return with a long branch', () => {
    const source = 'function f(a,b){return b.z=3,a?(b.k=1,b.m=2,5):7}';
    assert.equal(branchesAsBlocks(source).text, 'function f(a,b){b.z=3;if(a){b.k=1;b.m=2;return 5;}return 7;}');
  });

  it('takes the statements the minifier moved into an if test out in front of it', () => {
    const source = 'function f(a,b){if(b.t+=1,a||(b.p+=1),!b.q){x()}else if(b.s,b.w){y()}}';
    assert.equal(branchesAsBlocks(source).text, 'function f(a,b){b.t+=1;a||(b.p+=1);if(!b.q){x()}else {b.s;if(b.w){y()}}}');
  });

  it('braces a rewritten branch of an if so that an else keeps its if', () => {
    const source = 'function f(a,b){if(a)if(b)c();else dddddddddd=1;for(;;)a&&(b.x=1,b.y=2)}';
    const text = branchesAsBlocks(source).text;
    assert.equal(text, 'function f(a,b){if(a){if(b){c();}else {dddddddddd=1;}}for(;;){if(a){b.x=1;b.y=2;}}}');
  });

  it('leaves short operands (the braces would cost more than parsing them) and expressions that are values', () => {
    const source = 'function f(a,b){a&&(b=1);let x=a&&(b.x=1,b.y=2);return a?1:2}';
    const result = branchesAsBlocks(source);
    assert.equal(result.text, source);
    assert.equal(result.rewritten, 0);
  });

  it('parenthesises a statement that would otherwise start with `function` or `{`', () => {
    const source = 'function f(a){a&&(function(){log.push(1)}(),{}.x,log.push(2))}';
    const text = branchesAsBlocks(source).text;
    assert.doesNotThrow(() => parse(text, { ecmaVersion: 2020 }));
    const log: number[] = [];
    new Function('log', text + ';f(1);f(0)')(log);
    assert.deepEqual(log, [1, 2]);
  });

  it('keeps what random statements of branches, sequences and returns do (property)', () => {
    // A small grammar of the shapes esbuild emits, each leaf an effect written to the log.
    const leaf = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'a>b', 'b>=c', '!a', 'a===c').map((test) => ({ text: test, effect: false })),
      fc.integer({ min: 0, max: 99 }).map((n) => ({ text: 'log.push("e' + n + '")', effect: true })),
      fc.integer({ min: 0, max: 99 }).map((n) => ({ text: '(a=a+' + n + ')', effect: true })),
    );
    const expression: fc.Memo<{ text: string; effect: boolean }> = fc.memo((depth) =>
      depth <= 1
        ? leaf
        : fc.oneof(
            leaf,
            fc.tuple(expression(depth - 1), fc.constantFrom('&&', '||'), expression(depth - 1)).map(([left, operator, right]) => ({ text: '(' + left.text + operator + right.text + ')', effect: left.effect || right.effect })),
            fc.tuple(expression(depth - 1), expression(depth - 1), expression(depth - 1)).map(([test, yes, no]) => ({ text: '(' + test.text + '?' + yes.text + ':' + no.text + ')', effect: true })),
            fc.array(expression(depth - 1), { minLength: 2, maxLength: 3 }).map((parts) => ({ text: '(' + parts.map((part) => part.text).join(',') + ')', effect: true })),
          ),
    );
    const statement = fc.oneof(
      expression(4).map((item) => item.text + ';'),
      expression(4).map((item) => 'return ' + item.text + ';'),
      fc.tuple(expression(3), expression(3), expression(3)).map(([test, yes, no]) => 'if(' + test.text + ')' + yes.text + ';else ' + no.text + ';'),
      fc.tuple(expression(3), expression(3)).map(([test, yes]) => 'if(' + test.text + ',' + yes.text + ')' + yes.text + ';'),
    );
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 }), (statements, a, b, c) => {
        const body = statements.join('') + 'return "end:"+a;';
        const source = 'function f(a,b,c,log){' + body + '}';
        const rewritten = branchesAsBlocks(source).text;
        const inner = rewritten.slice('function f(a,b,c,log){'.length, -1);
        assert.deepEqual(run(inner, a, b, c), run(body, a, b, c), rewritten);
      }),
      { numRuns: 400 },
    );
  });
});
