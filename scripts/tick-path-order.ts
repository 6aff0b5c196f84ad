// Puts the functions and constants the control tick reads first among a device bundle's top-level declarations.

import { parse } from 'acorn';
import type { Expression, Node, Program, Statement, VariableDeclarator } from 'acorn';

/**
 * The top-level functions and constants the control tick reaches, most often read first, by their
 * names in the sources. Why the order matters: the interpreter finds a global name by walking
 * its globals in the order they were created and comparing each (about 22 x86 instructions a
 * global passed, measured on espruino_timing32), and a bundle creates about 260 of them; the
 * tick's functions came out of the bundler near the end, so each of its thirty-odd global reads a
 * tick walked past nearly all of them. Measured with the device check's call counts (running
 * ticks of the full edition on the Jolt.js): calls per tick, highest first; then what the idle
 * and state-change ticks read. A name not in an edition is skipped, but the full edition, which
 * has them all, fails to build without one (scripts/device-bundles.ts), so a rename cannot
 * quietly undo this.
 */
export const TICK_PATH_NAMES = [
  // Every tick.
  'STATE_BITS',
  'updateSpeedEstimate',
  'detectFault',
  'stepController',
  'mapDuty',
  'pulseIntervalMs',
  'proportionalShare',
  'rampSetpoint',
  'squareRoot',
  'loadEvidenceShare',
  'awaitingBeltMovement',
  'HARD_CAPS',
  'tickNeedsTable',
  'standstillDurationMs',
  'beltStopped',
  'feedForwardDuty',
  'resetController',
  'integralGainFor',
  'deadBeatGainFor',
  // The out-of-line parts of the controller's step (firmware/core/speed-controller.ts):
  // not every tick, but a call by name walks every global created before it.
  'applyLoadEvidence',
  'overdueErrorKphS',
  'unmeasuredFeedbackKph',
  'catchUpDuty',
  'heavyWalkerFloor',
  'findTransition',
  // Idle, countdown and stopping ticks, and the display-rate part.
  'dwellElapsed',
  'countdownElapsed',
  'updateSessionMetrics',
  'estimateEnergyRate',
  'stepProgramRunner',
  'programRemainingMs',
  'currentSegment',
  'scaleAnalogPosition',
];

/** Every identifier read in `node` (not property names after a dot or keys of object literals). */
function readNames(node: Node, into: Set<string>): void {
  const visit = (current: Node | null | undefined, parent: Node | null, key: string): void => {
    if (current === null || current === undefined || typeof current.type !== 'string') return;
    if (current.type === 'Identifier') {
      const member = parent !== null && parent.type === 'MemberExpression' && key === 'property' && !(parent as unknown as { computed: boolean }).computed;
      const propertyKey = parent !== null && parent.type === 'Property' && key === 'key' && !(parent as unknown as { computed: boolean }).computed;
      if (!member && !propertyKey) into.add((current as unknown as { name: string }).name);
      return;
    }
    const record = current as unknown as { [field: string]: unknown };
    Object.keys(record).forEach((field) => {
      const value = record[field];
      if (Array.isArray(value)) value.forEach((item) => visit(item as Node, current, field));
      else if (value !== null && typeof value === 'object' && typeof (value as Node).type === 'string') visit(value as Node, current, field);
    });
  };
  visit(node, null, '');
}

/** A top-level declaration: a function, or one declarator of a variable statement (the bundler joins several into one). */
interface Declaration {
  statement: Statement;
  declarator: VariableDeclarator | null;
}

/** The text that declares `declaration` alone. */
function declarationText(text: string, declaration: Declaration): string {
  const statement = declaration.statement;
  if (declaration.declarator === null || statement.type !== 'VariableDeclaration') return text.slice(statement.start, statement.end);
  return statement.kind + ' ' + text.slice(declaration.declarator.start, declaration.declarator.end) + ';';
}

/**
 * `text` (an ES module's bundled source, names not yet shortened) with the top-level declarations
 * named in `names` moved to its start, in that order. Moving a function declaration earlier only
 * defines it sooner. A variable moves only when its initializer reads no top-level name declared
 * outside the moved ones before it (the interpreter does not hoist: it would read an undefined
 * name); otherwise this throws, naming it. `missing`: the names `text` does not declare.
 */
export function orderTickPathFirst(text: string, names: string[]): { text: string; missing: string[] } {
  const program = parse(text, { ecmaVersion: 2020, sourceType: 'module' }) as Program;
  const topLevel = new Map<string, Declaration>();
  program.body.forEach((node) => {
    const statement = node as Statement;
    if (statement.type === 'FunctionDeclaration') topLevel.set(statement.id.name, { statement: statement, declarator: null });
    else if (statement.type === 'VariableDeclaration') {
      statement.declarations.forEach((declarator) => {
        if (declarator.id.type === 'Identifier') topLevel.set(declarator.id.name, { statement: statement, declarator: declarator });
      });
    }
  });
  const moved: Declaration[] = [];
  const movedNames = new Set<string>();
  const missing: string[] = [];
  names.forEach((name) => {
    const declaration = topLevel.get(name);
    if (declaration === undefined) {
      missing.push(name);
      return;
    }
    if (declaration.declarator !== null && declaration.declarator.init) {
      const reads = new Set<string>();
      readNames(declaration.declarator.init as Expression, reads);
      reads.forEach((read) => {
        if (topLevel.has(read) && !movedNames.has(read)) throw new Error('tick path order: ' + name + ' reads ' + read + ', which is not moved before it');
      });
    }
    moved.push(declaration);
    movedNames.add(name);
  });
  if (moved.length === 0) return { text: text, missing: missing };
  const movedNodes = new Set<Node>();
  moved.forEach((declaration) => movedNodes.add(declaration.declarator !== null ? declaration.declarator : declaration.statement));
  let rest = '';
  let last = 0;
  // The text between statements (comments, whitespace) stays with what follows it.
  program.body.forEach((node) => {
    const statement = node as Statement;
    if (movedNodes.has(statement)) {
      rest += text.slice(last, statement.start);
      last = statement.end;
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.some((declarator) => movedNodes.has(declarator))) {
      const kept = statement.declarations.filter((declarator) => !movedNodes.has(declarator));
      rest += text.slice(last, statement.start);
      if (kept.length > 0) rest += statement.kind + ' ' + kept.map((declarator) => text.slice(declarator.start, declarator.end)).join(',') + ';';
      last = statement.end;
    }
  });
  rest += text.slice(last);
  return { text: moved.map((declaration) => declarationText(text, declaration)).join('\n') + '\n' + rest, missing: missing };
}
