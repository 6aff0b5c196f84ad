// After `stryker run`: prints the per-file mutation scores and fails on a survivor that is neither killed nor reviewed as equivalent.

import { readFileSync } from 'node:fs';
import { fileScores, locateMutants, scoreTable, staleEquivalents, unexplainedSurvivors, type EquivalentMutant, type MutationReport } from './mutation/mutation-report';

/*
 * Usage: npm run mutation (runs Stryker, then this), or alone after a run:
 *   tsx scripts/mutation-check.ts [REPORT_JSON]
 * Exit status 1 when a survivor is unexplained, a reviewed entry matches nothing any more, or the
 * score over all files is below MIN_SCORE_PCT; the table is printed either way.
 */

const REPORT_FILE = 'reports/mutation/mutation.json';
const EQUIVALENTS_FILE = 'test/mutation/equivalent-mutants.json';
/** Stryker's own score over the safety core must reach this (issue 11). */
const MIN_SCORE_PCT = 95;

const report = JSON.parse(readFileSync(process.argv[2] || REPORT_FILE, 'utf8')) as MutationReport;
const equivalents = (JSON.parse(readFileSync(EQUIVALENTS_FILE, 'utf8')) as { mutants: EquivalentMutant[] }).mutants;
const mutants = locateMutants(report);
const scores = fileScores(mutants, equivalents);
console.log(scoreTable(scores));

const problems: string[] = [];
unexplainedSurvivors(mutants, equivalents).forEach((mutant) => {
  problems.push(mutant.status.toLowerCase() + ': ' + mutant.file + ':' + mutant.line + ' ' + mutant.mutator + ' `' + mutant.original + '` -> `' + mutant.replacement + '`');
});
staleEquivalents(mutants, equivalents).forEach((entry) => {
  problems.push('stale entry in ' + EQUIVALENTS_FILE + ' (no such survivor): ' + entry.file + ' ' + entry.mutator + ' `' + entry.original + '`');
});
const overall = scores[scores.length - 1];
if (overall.scorePct < MIN_SCORE_PCT) problems.push('score ' + overall.scorePct.toFixed(1) + ' % is below ' + MIN_SCORE_PCT + ' %');
if (problems.length > 0) {
  console.log('\n' + problems.length + ' problem(s): kill each survivor with a test, or add it to ' + EQUIVALENTS_FILE + ' with the reason it is equivalent:');
  problems.forEach((problem) => console.log('  ' + problem));
  process.exitCode = 1;
} else {
  console.log('\nevery survivor is reviewed as equivalent (' + EQUIVALENTS_FILE + ')');
}
