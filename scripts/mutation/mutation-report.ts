// Reads StrykerJS's JSON report: per-file mutation scores, and which survivors the reviewed equivalent-mutant list explains.

/** A position in a source file as Stryker reports it (1-based line and column). */
interface ReportPosition {
  line: number;
  column: number;
}

/** One mutant of Stryker's JSON report (mutation-testing-report-schema), the fields used here. */
export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: ReportPosition; end: ReportPosition };
}

/** Stryker's JSON report, the fields used here. */
export interface MutationReport {
  files: { [path: string]: { source: string; mutants: ReportMutant[] } };
}

/**
 * A mutant reviewed as equivalent: no test can kill it because the program behaves the same.
 * Matched by file, mutator, the original code, the replacement and the whole source line the
 * mutant starts on (whitespace runs count as one space), never by line number, so the entry still
 * holds when code moves within the file. An entry covers every survivor with that key.
 */
export interface EquivalentMutant {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  /** The source line the mutant starts on: tells apart the same expression on two lines. */
  line: string;
  reason: string;
}

/** A mutant with its original code, ready to match. */
export interface LocatedMutant {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  status: string;
  line: number;
  /** The source line it starts on, whitespace squeezed. */
  lineText: string;
}

/** Per-file counts and scores, percent. */
export interface FileScore {
  file: string;
  mutants: number;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  /** Listed in the reviewed equivalent-mutant file. */
  equivalent: number;
  /** Stryker's own score: detected / (detected + undetected). */
  scorePct: number;
  /** The same with the reviewed equivalents left out of the count. */
  scoreWithoutEquivalentsPct: number;
}

/** Stryker's statuses that count as detected and undetected (compile and runtime errors count as neither). */
const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text between two 1-based positions of `source`. */
function sourceBetween(lines: string[], start: ReportPosition, end: ReportPosition): string {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const parts = [lines[start.line - 1].slice(start.column - 1)];
  for (let line = start.line + 1; line < end.line; line++) parts.push(lines[line - 1]);
  parts.push(lines[end.line - 1].slice(0, end.column - 1));
  return parts.join('\n');
}

/** Every mutant of the report with its original code, file by file in path order. */
export function locateMutants(report: MutationReport): LocatedMutant[] {
  const located: LocatedMutant[] = [];
  Object.keys(report.files)
    .sort()
    .forEach((file) => {
      const entry = report.files[file];
      const lines = entry.source.split('\n');
      entry.mutants.forEach((mutant) => {
        located.push({
          file,
          mutator: mutant.mutatorName,
          original: squeeze(sourceBetween(lines, mutant.location.start, mutant.location.end)),
          replacement: squeeze(mutant.replacement !== undefined ? mutant.replacement : ''),
          status: mutant.status,
          line: mutant.location.start.line,
          lineText: squeeze(lines[mutant.location.start.line - 1]),
        });
      });
    });
  return located;
}

/** Whether `entry` explains `mutant`. */
export function matchesEquivalent(mutant: LocatedMutant, entry: EquivalentMutant): boolean {
  return (
    mutant.file === entry.file &&
    mutant.mutator === entry.mutator &&
    mutant.original === squeeze(entry.original) &&
    mutant.replacement === squeeze(entry.replacement) &&
    mutant.lineText === squeeze(entry.line)
  );
}

function isUndetected(mutant: LocatedMutant): boolean {
  return UNDETECTED.indexOf(mutant.status) >= 0;
}

/** Survivors (and uncovered mutants) no reviewed entry explains: each needs a test or a reviewed reason. */
export function unexplainedSurvivors(mutants: LocatedMutant[], equivalents: EquivalentMutant[]): LocatedMutant[] {
  return mutants.filter((mutant) => isUndetected(mutant) && !equivalents.some((entry) => matchesEquivalent(mutant, entry)));
}

/** Reviewed entries that match no surviving mutant any more (the code changed, or a test now kills it): remove them. */
export function staleEquivalents(mutants: LocatedMutant[], equivalents: EquivalentMutant[]): EquivalentMutant[] {
  return equivalents.filter((entry) => !mutants.some((mutant) => isUndetected(mutant) && matchesEquivalent(mutant, entry)));
}

function percent(detected: number, undetected: number): number {
  return detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
}

/** Scores for each file, then one row for all of them together (file "all files"). */
export function fileScores(mutants: LocatedMutant[], equivalents: EquivalentMutant[]): FileScore[] {
  const files: string[] = [];
  mutants.forEach((mutant) => {
    if (files.indexOf(mutant.file) < 0) files.push(mutant.file);
  });
  const score = (file: string, ofFile: LocatedMutant[]): FileScore => {
    const count = (status: string) => ofFile.filter((mutant) => mutant.status === status).length;
    const detected = ofFile.filter((mutant) => DETECTED.indexOf(mutant.status) >= 0).length;
    const undetected = ofFile.filter(isUndetected).length;
    const equivalent = ofFile.filter((mutant) => isUndetected(mutant) && equivalents.some((entry) => matchesEquivalent(mutant, entry))).length;
    return {
      file,
      mutants: ofFile.length,
      killed: count('Killed'),
      timedOut: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      equivalent,
      scorePct: percent(detected, undetected),
      scoreWithoutEquivalentsPct: percent(detected, undetected - equivalent),
    };
  };
  const rows = files.map((file) => score(file, mutants.filter((mutant) => mutant.file === file)));
  rows.push(score('all files', mutants));
  return rows;
}

/** The scores as a Markdown table (the README's). */
export function scoreTable(scores: FileScore[]): string {
  const lines = ['| file | mutants | killed | timed out | survived | no coverage | equivalent (reviewed) | score | without equivalents |', '|---|---|---|---|---|---|---|---|---|'];
  scores.forEach((row) => {
    const name = row.file === 'all files' ? '**all files**' : '`' + row.file + '`';
    lines.push(['', name, row.mutants, row.killed, row.timedOut, row.survived, row.noCoverage, row.equivalent, row.scorePct.toFixed(1) + ' %', row.scoreWithoutEquivalentsPct.toFixed(1) + ' %', ''].join(' | ').trim());
  });
  return lines.join('\n');
}
