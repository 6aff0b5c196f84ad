// The device bundles' top-level constants are written into their reads, and nothing else changes meaning.

import assert from 'node:assert/strict';
import { inlineConstants } from '../../scripts/inline-constants';

/** Run `source` as a function body and give what it hands to `out(...)`. */
function run(source: string): unknown {
  let result: unknown;
  new Function('out', source)((value: unknown) => {
    result = value;
  });
  return result;
}

/** The transformed source, checked to compute what the original computes. */
function inlined(source: string): string {
  const output = inlineConstants(source, 'module');
  assert.deepEqual(run(output), run(source), 'same result before and after');
  return output;
}

describe('build: top-level constants written into their reads', () => {
  it('writes numbers, signed numbers, booleans and short strings into each read and drops their declarations', () => {
    const output = inlined('var LIMIT=1200,BACK=-1,ON=!0,NAME="idle";function f(x){return x>LIMIT?BACK:ON&&NAME;}out([f(5),f(2000)]);');
    assert.equal(output, 'function f(x){return x>1200?(-1):(!0)&&"idle";}out([f(5),f(2000)]);');
  });

  it('keeps a variable that is ever written, and an inner variable of the same name', () => {
    const written = 'var COUNT=1;function bump(){COUNT++;}bump();out(COUNT);';
    assert.equal(inlined(written), written);
    const shadowed = inlined('var SIZE=3;function f(SIZE){return SIZE*2;}out(f(5)+SIZE);');
    assert.equal(shadowed, 'function f(SIZE){return SIZE*2;}out(f(5)+3);');
  });

  it('gives a shorthand property its name back', () => {
    assert.equal(inlined('var speedKph=4;var status={speedKph};out(status.speedKph);'), 'var status={speedKph:4};out(status.speedKph);');
  });

  it('keeps a string read more than once as a variable (one string shared), and writes one read once', () => {
    const twice = 'var MESSAGE="a message longer than twelve";out(MESSAGE+MESSAGE);';
    assert.equal(inlined(twice), twice);
    const shortTwice = 'var STATE="idle";out([STATE,STATE]);';
    assert.equal(inlined(shortTwice), shortTwice);
    assert.equal(inlined('var MESSAGE="a message longer than twelve";out(MESSAGE);'), 'out("a message longer than twelve");');
  });

  it('takes out only the constant declarators of a statement, with their commas, and writes reads inside the kept ones', () => {
    assert.equal(inlined('var A=1,B=[A],C=2,D=3;out(B[0]+C+D);'), 'var B=[1];out(B[0]+2+3);');
    assert.equal(inlined('var B=[0],A=1,C=2;out(B[0]+A+C);'), 'var B=[0];out(B[0]+1+2);');
    assert.equal(inlined('var A=1,B=[A],C=2;out(B[0]+C);'), 'var B=[1];out(B[0]+2);');
  });

  it('leaves objects, arrays, regular expressions, null and computed values alone', () => {
    const source = 'var O={a:1},R=/x/,N=null,S=2*3;out([O.a,R.test("x"),N,S]);';
    assert.equal(inlined(source), source);
  });

  it('keeps an exported name', () => {
    const source = 'var LIMIT=5;function f(){return LIMIT;}\nexport { LIMIT, f };';
    assert.equal(inlineConstants(source, 'module'), source);
  });
});
