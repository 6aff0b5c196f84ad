// The mutation report reader: per-file scores, and survivors matched to the reviewed equivalent-mutant list by code, not by line.

import assert from 'node:assert/strict';
import { fileScores, locateMutants, scoreTable, staleEquivalents, unexplainedSurvivors, type EquivalentMutant, type MutationReport, type ReportMutant } from '../../scripts/mutation/mutation-report';

function mutant(id: string, status: string, line: number, startColumn: number, endColumn: number, mutatorName: string, replacement: string): ReportMutant {
  return { id, status, mutatorName, replacement, location: { start: { line, column: startColumn }, end: { line, column: endColumn } } };
}

/** Two files: a.ts with 4 mutants (2 killed, 1 timed out, 1 survived), b.ts with 2 (1 survived, 1 uncovered). */
function report(): MutationReport {
  return {
    files: {
      'b.ts': { source: 'const y = 2;\nif (y   >  1) go();\n', mutants: [mutant('5', 'Survived', 2, 5, 13, 'EqualityOperator', 'y >= 1'), mutant('6', 'NoCoverage', 2, 15, 19, 'BlockStatement', '{}')] },
      'a.ts': {
        source: 'let x = 1;\nx = x + 1;\n',
        mutants: [
          mutant('1', 'Killed', 1, 9, 10, 'NumericLiteral', '0'),
          mutant('2', 'Killed', 2, 5, 10, 'ArithmeticOperator', 'x - 1'),
          mutant('3', 'Timeout', 2, 5, 10, 'ArithmeticOperator', 'x * 1'),
          mutant('4', 'Survived', 2, 5, 10, 'ArithmeticOperator', 'x / 1'),
        ],
      },
    },
  };
}

const Y_EQUIVALENT: EquivalentMutant = { file: 'b.ts', mutator: 'EqualityOperator', original: 'y > 1', replacement: 'y >= 1', line: 'if (y > 1) go();', reason: 'y is 2' };

describe('mutation report', () => {
  it('reads each mutant\'s original code from the source, whitespace runs as one space', () => {
    const located = locateMutants(report());
    assert.deepEqual(
      located.map((entry) => entry.file + ':' + entry.line + ' ' + entry.original + ' -> ' + entry.replacement),
      ['a.ts:1 1 -> 0', 'a.ts:2 x + 1 -> x - 1', 'a.ts:2 x + 1 -> x * 1', 'a.ts:2 x + 1 -> x / 1', 'b.ts:2 y > 1 -> y >= 1', 'b.ts:2 go() -> {}'],
    );
  });

  it('scores each file and all together as Stryker does, and again without the reviewed equivalents', () => {
    const scores = fileScores(locateMutants(report()), [Y_EQUIVALENT]);
    assert.deepEqual(
      scores.map((row) => [row.file, row.mutants, row.killed, row.timedOut, row.survived, row.noCoverage, row.equivalent, Math.round(row.scorePct * 10) / 10, Math.round(row.scoreWithoutEquivalentsPct * 10) / 10]),
      [
        ['a.ts', 4, 2, 1, 1, 0, 0, 75, 75],
        ['b.ts', 2, 0, 0, 1, 1, 1, 0, 0],
        ['all files', 6, 2, 1, 2, 1, 1, 50, 60],
      ],
    );
    assert.match(scoreTable(scores), /\| `a\.ts` \| 4 \| 2 \| 1 \| 1 \| 0 \| 0 \| 75\.0 % \| 75\.0 % \|/);
    assert.match(scoreTable(scores), /\| \*\*all files\*\* \| 6 .* \| 50\.0 % \| 60\.0 % \|/);
  });

  it('names every survivor and uncovered mutant no entry explains, matched by code wherever the line moved', () => {
    const moved = report();
    moved.files['b.ts'].source = '\n\n' + moved.files['b.ts'].source;
    moved.files['b.ts'].mutants.forEach((entry) => {
      entry.location.start.line += 2;
      entry.location.end.line += 2;
    });
    const unexplained = unexplainedSurvivors(locateMutants(moved), [Y_EQUIVALENT]);
    assert.deepEqual(
      unexplained.map((entry) => entry.file + ':' + entry.line + ' ' + entry.status),
      ['a.ts:2 Survived', 'b.ts:4 NoCoverage'],
    );
  });

  it('an entry for another mutator, replacement, line or file explains nothing, and is reported stale', () => {
    const located = locateMutants(report());
    const wrong: EquivalentMutant[] = [
      Object.assign({}, Y_EQUIVALENT, { mutator: 'ConditionalExpression' }),
      Object.assign({}, Y_EQUIVALENT, { replacement: 'y < 1' }),
      Object.assign({}, Y_EQUIVALENT, { line: 'while (y > 1) go();' }),
      Object.assign({}, Y_EQUIVALENT, { file: 'a.ts' }),
    ];
    assert.equal(unexplainedSurvivors(located, wrong).length, 3);
    assert.deepEqual(staleEquivalents(located, wrong), wrong);
    assert.deepEqual(staleEquivalents(located, [Y_EQUIVALENT]), []);
  });
});
