// Writes a device bundle's one-expression functions into the calls that use them, so the interpreter makes no call for them.

import { parse, type Node } from 'acorn';
import { analyze, type Reference, type Scope, type Variable } from 'eslint-scope';

/*
 * Why: on the interpreter a call is among the dearest things a tick does (about 6,000 x86
 * instructions, plus 3,600 for each argument and the search for the function's name, measured on
 * espruino_timing32), while the firmware's pure core is written, for readability and tests, as
 * many small functions of one expression (`pulseIntervalMs`, `gradeFractionFromPct`,
 * `beltStopped`, ...). This pass keeps the sources as they are and writes those expressions into
 * their calls in the bundle, as a compiler would.
 *
 * What it inlines: a top-level `function f(a, b) { return EXPRESSION; }` whose expression has no
 * `this`, `arguments`, function, class, assignment or update (so it needs no scope of its own
 * and changes nothing), at each plain call `f(x, y)` with as many arguments as parameters, every
 * argument free of calls and assignments (so evaluating it where the parameter appears, once or
 * not at all, is the same as evaluating it before the call), an argument read more than once
 * being a name, a literal or a chain of property reads (nothing is computed twice), and no
 * scope between the call and the top level declaring a name the expression reads (it would
 * read another variable). A function whose every read was a call it inlined is removed.
 */

type AnyNode = Node & { [key: string]: unknown };

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Candidate {
  name: string;
  declaration: AnyNode;
  params: string[];
  expression: AnyNode;
  /** Names the expression reads that are not its parameters. */
  freeNames: Set<string>;
  /** Each parameter's reads in the expression (a shorthand property's node where the read is one). */
  paramReads: { [param: string]: AnyNode[] };
}

function childNodes(node: AnyNode): { key: string; child: AnyNode }[] {
  const children: { key: string; child: AnyNode }[] = [];
  Object.keys(node).forEach((key) => {
    const value = node[key];
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item) => {
      if (item !== null && typeof item === 'object' && typeof (item as Node).type === 'string') children.push({ key: key, child: item as AnyNode });
    });
  });
  return children;
}

/** Whether `node` is an identifier read as a name (not a property name after a dot or an object key). */
function isNameRead(node: AnyNode, parent: AnyNode | null, key: string): boolean {
  if (node.type !== 'Identifier' || parent === null) return node.type === 'Identifier';
  if (parent.type === 'MemberExpression' && key === 'property' && parent.computed !== true) return false;
  if (parent.type === 'Property' && key === 'key' && parent.computed !== true) return false;
  return true;
}

const FORBIDDEN_IN_BODY = ['ThisExpression', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression', 'AssignmentExpression', 'UpdateExpression', 'YieldExpression', 'AwaitExpression', 'NewExpression', 'SequenceExpression', 'TaggedTemplateExpression'];

/** A top-level function that can be written into its calls, or null. */
function candidateOf(statement: AnyNode): Candidate | null {
  if (statement.type !== 'FunctionDeclaration' || statement.generator === true || statement.async === true) return null;
  const params = statement.params as AnyNode[];
  if (!params.every((param) => param.type === 'Identifier')) return null;
  const body = (statement.body as AnyNode).body as AnyNode[];
  if (body.length !== 1 || body[0].type !== 'ReturnStatement' || body[0].argument === null) return null;
  const expression = body[0].argument as AnyNode;
  const name = (statement.id as AnyNode).name as string;
  const paramNames = params.map((param) => param.name as string);
  const freeNames = new Set<string>();
  const paramReads: { [param: string]: AnyNode[] } = {};
  paramNames.forEach((param) => {
    paramReads[param] = [];
  });
  let allowed = true;
  const visit = (node: AnyNode, parent: AnyNode | null, key: string): void => {
    if (FORBIDDEN_IN_BODY.indexOf(node.type) >= 0) allowed = false;
    if (node.type === 'Identifier' && isNameRead(node, parent, key)) {
      const read = node.name as string;
      if (read === 'arguments' || read === name) allowed = false;
      // A shorthand property's value (`{ a }`) is written out as `a: (argument)`.
      if (paramReads[read] !== undefined) paramReads[read].push(parent !== null && parent.type === 'Property' && parent.shorthand === true ? parent : node);
      else freeNames.add(read);
    }
    childNodes(node).forEach((entry) => visit(entry.child, node, entry.key));
  };
  visit(expression, null, '');
  return allowed ? { name: name, declaration: statement, params: paramNames, expression: expression, freeNames: freeNames, paramReads: paramReads } : null;
}

/** Whether evaluating `node` can change nothing and call nothing. */
function isPure(node: AnyNode): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'ThisExpression':
      return true;
    case 'MemberExpression':
      return isPure(node.object as AnyNode) && (node.computed !== true || isPure(node.property as AnyNode));
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(node.argument as AnyNode);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(node.left as AnyNode) && isPure(node.right as AnyNode);
    case 'ConditionalExpression':
      return isPure(node.test as AnyNode) && isPure(node.consequent as AnyNode) && isPure(node.alternate as AnyNode);
    default:
      return false;
  }
}

/** A name, a literal, or a chain of property reads by name: cheap and the same when read twice. */
function isTrivial(node: AnyNode): boolean {
  if (node.type === 'Identifier' || node.type === 'Literal' || node.type === 'ThisExpression') return true;
  if (node.type === 'UnaryExpression' && node.operator === '-') return (node.argument as AnyNode).type === 'Literal';
  return node.type === 'MemberExpression' && node.computed !== true && isTrivial(node.object as AnyNode);
}

/** Whether any scope from `scope` up to (not including) `top` declares one of `names`. */
function shadows(scope: Scope, top: Scope, names: Set<string>): boolean {
  for (let current: Scope | null = scope; current !== null && current !== top; current = current.upper) {
    for (const name of names) if (current.set.has(name)) return true;
  }
  return false;
}

/** The expression's text with each parameter read replaced by its argument's text. */
function substituted(source: string, candidate: Candidate, args: AnyNode[]): string {
  const edits: Edit[] = [];
  candidate.params.forEach((param, index) => {
    const argText = '(' + source.slice(args[index].start, args[index].end) + ')';
    candidate.paramReads[param].forEach((read) => edits.push({ start: read.start, end: read.end, text: read.type === 'Property' ? param + ':' + argText : argText }));
  });
  edits.sort((a, b) => b.start - a.start);
  let text = source.slice(candidate.expression.start, candidate.expression.end);
  const offset = candidate.expression.start;
  edits.forEach((edit) => {
    text = text.slice(0, edit.start - offset) + edit.text + text.slice(edit.end - offset);
  });
  return '(' + text + ')';
}

function parentsOf(root: AnyNode): Map<AnyNode, AnyNode> {
  const parents = new Map<AnyNode, AnyNode>();
  const visit = (node: AnyNode): void => {
    childNodes(node).forEach((entry) => {
      parents.set(entry.child, node);
      visit(entry.child);
    });
  };
  visit(root);
  return parents;
}

function applyEdits(source: string, edits: Edit[]): string {
  edits.sort((a, b) => b.start - a.start);
  let output = source;
  edits.forEach((edit) => {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  });
  return output;
}

/** One pass: the calls that contain no other inlinable call are written out; `inlined` counts them. */
function inlinePass(source: string): { text: string; inlined: number } {
  const program = parse(source, { ecmaVersion: 2020, sourceType: 'module', ranges: true }) as unknown as AnyNode;
  const scopeManager = analyze(program as never, { ecmaVersion: 2020, sourceType: 'module' });
  const top = scopeManager.globalScope!.childScopes[0];
  const parents = parentsOf(program);
  const candidates: Candidate[] = [];
  (program.body as AnyNode[]).forEach((statement) => {
    const candidate = candidateOf(statement);
    if (candidate !== null) candidates.push(candidate);
  });
  const calls: { call: AnyNode; candidate: Candidate; scope: Scope }[] = [];
  candidates.forEach((candidate) => {
    const variable = top.set.get(candidate.name) as Variable | undefined;
    if (variable === undefined || variable.defs.length !== 1) return;
    variable.references.forEach((reference: Reference) => {
      const identifier = reference.identifier as unknown as AnyNode;
      const call = parents.get(identifier);
      if (call === undefined || call.type !== 'CallExpression' || call.callee !== identifier) return;
      const args = call.arguments as AnyNode[];
      if (args.length !== candidate.params.length || !args.every(isPure)) return;
      if (!candidate.params.every((param, index) => candidate.paramReads[param].length === 1 || isTrivial(args[index]))) return;
      if (shadows(reference.from, top, candidate.freeNames)) return;
      calls.push({ call: call, candidate: candidate, scope: reference.from });
    });
  });
  // Leaf first: a call inside another's arguments is written out before the outer one (next pass).
  const edits: Edit[] = [];
  calls.forEach((entry) => {
    const inner = calls.some((other) => other !== entry && other.call.start >= entry.call.start && other.call.end <= entry.call.end);
    if (inner) return;
    edits.push({ start: entry.call.start, end: entry.call.end, text: substituted(source, entry.candidate, entry.call.arguments as AnyNode[]) });
  });
  return { text: applyEdits(source, edits), inlined: edits.length };
}

/** Take out the inlinable functions nothing refers to any more. */
function removeUnused(source: string): string {
  const program = parse(source, { ecmaVersion: 2020, sourceType: 'module', ranges: true }) as unknown as AnyNode;
  const scopeManager = analyze(program as never, { ecmaVersion: 2020, sourceType: 'module' });
  const top = scopeManager.globalScope!.childScopes[0];
  const edits: Edit[] = [];
  (program.body as AnyNode[]).forEach((statement) => {
    const candidate = candidateOf(statement);
    if (candidate === null) return;
    const variable = top.set.get(candidate.name) as Variable | undefined;
    if (variable !== undefined && variable.references.length === 0) edits.push({ start: statement.start, end: statement.end, text: '' });
  });
  return applyEdits(source, edits);
}

/**
 * `source` (an ES module, the bundle before its names are shortened) with the calls of its
 * one-expression functions written out (see above), over as many passes as nested calls need,
 * and the functions left unused removed. `inlined`: how many calls were written out.
 */
export function inlineFunctions(source: string): { text: string; inlined: number } {
  let text = source;
  let inlined = 0;
  for (let pass = 0; pass < 8; pass++) {
    const result = inlinePass(text);
    if (result.inlined === 0) break;
    text = result.text;
    inlined += result.inlined;
  }
  // A removed function may have held the last call of another: repeat until nothing changes.
  for (let pass = 0; pass < 8 && inlined > 0; pass++) {
    const trimmed = removeUnused(text);
    if (trimmed === text) break;
    text = trimmed;
  }
  return { text: text, inlined: inlined };
}
