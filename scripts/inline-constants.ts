// Writes a device bundle's top-level constants into the places that read them, so the interpreter never looks them up.

import { parse, type Node } from 'acorn';
import { analyze, type Reference, type Variable } from 'eslint-scope';

/*
 * Why: esbuild inlines a `const` of a primitive value only within modules that import no values
 * (measured on 0.28: `LONG_SPAN_MS` stays a variable in speed-controller.ts because the file
 * imports `HARD_CAPS`), so the firmware bundle kept 73 such constants as top-level variables.
 * On the interpreter every read of one is a search of the top-level names, one at a time (about
 * 20 x86 instructions per name passed, 300-odd names), and every extra top-level name slows the
 * search for all the others, the functions the tick calls among them.
 */

interface Ranged {
  start: number;
  end: number;
}

interface LiteralNode extends Ranged {
  type: 'Literal';
  value: unknown;
  raw: string;
}

interface Declarator extends Ranged {
  id: Ranged & { type: string; name?: string };
  init: (Ranged & { type: string; operator?: string; argument?: LiteralNode }) | null;
}

interface Declaration extends Ranged {
  type: 'VariableDeclaration';
  kind: string;
  declarations: Declarator[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The source text of a primitive initialiser (a literal, or a sign before a number), or null. */
function primitiveText(source: string, init: Declarator['init']): string | null {
  if (init === null) return null;
  if (init.type === 'Literal') {
    const literal = init as unknown as LiteralNode;
    if (literal.value === null || typeof literal.value === 'object') return null; // regular expressions and null stay
    return literal.raw;
  }
  if (init.type === 'UnaryExpression' && (init.operator === '-' || init.operator === '!') && init.argument !== undefined && init.argument.type === 'Literal') {
    const value = init.argument.value;
    if (typeof value !== 'number' && typeof value !== 'boolean') return null;
    // Parenthesised: `a-(-1)`, never `a--1`.
    return '(' + source.slice(init.start, init.end) + ')';
  }
  return null;
}

/** Every node's parent, for the properties whose key is the read name (`{ LIMIT }`). */
function parentsOf(root: Node): Map<object, Node> {
  const parents = new Map<object, Node>();
  const visit = (node: Node): void => {
    Object.keys(node).forEach((key) => {
      const child = (node as unknown as { [key: string]: unknown })[key];
      const children = Array.isArray(child) ? child : [child];
      children.forEach((item) => {
        if (item !== null && typeof item === 'object' && typeof (item as Node).type === 'string') {
          parents.set(item, node);
          visit(item as Node);
        }
      });
    });
  };
  visit(root);
  return parents;
}

/**
 * Edits that take the `removed` declarators out of `declaration`: the whole statement when none
 * is left, else each run of removed declarators with the comma that joined it to a kept one (a
 * kept declarator's own text is not touched, so the reads inside it keep their edits).
 */
function removeDeclarators(declaration: Declaration, removed: Set<Declarator>, edits: Edit[]): void {
  const list = declaration.declarations;
  if (list.every((declarator) => removed.has(declarator))) {
    edits.push({ start: declaration.start, end: declaration.end, text: '' });
    return;
  }
  let index = 0;
  while (index < list.length) {
    if (!removed.has(list[index])) {
      index++;
      continue;
    }
    let last = index;
    while (last + 1 < list.length && removed.has(list[last + 1])) last++;
    // A run before a kept declarator ends where that one begins; a run at the end begins where the kept one before it ends.
    if (last + 1 < list.length) edits.push({ start: list[index].start, end: list[last + 1].start, text: '' });
    else edits.push({ start: list[index - 1].end, end: list[last].end, text: '' });
    index = last + 1;
  }
}

/**
 * `source` with each top-level variable that holds a primitive (number, string, boolean), is
 * never written after its declaration, and is read only as a value, replaced at every read by
 * its value's text, and its declaration removed. Strings read more than once stay. A read
 * as a shorthand property (`{ NAME }`) becomes `NAME: value`. Returns the source unchanged
 * when nothing qualifies. Works on esbuild's output (ES2015, a module or a script).
 */
export function inlineConstants(source: string, sourceType: 'module' | 'script'): string {
  // Ranges: eslint-scope reads `range` to tell a default parameter's names from the body's.
  const program = parse(source, { ecmaVersion: 2020, sourceType: sourceType, ranges: true });
  const scopeManager = analyze(program as never, { ecmaVersion: 2020, sourceType: sourceType });
  const parents = parentsOf(program);
  // The scope that holds the bundle's top-level names: the module's, else the script's global one.
  const topScope = sourceType === 'module' ? scopeManager.globalScope!.childScopes[0] : scopeManager.globalScope!;
  const edits: Edit[] = [];
  const removed = new Set<Declarator>();
  const declarations = (program as unknown as { body: Ranged[] }).body.filter((statement) => (statement as unknown as { type: string }).type === 'VariableDeclaration') as unknown as Declaration[];
  declarations.forEach((declaration) => {
    declaration.declarations.forEach((declarator) => {
      if (declarator.id.type !== 'Identifier' || declarator.id.name === undefined) return;
      const text = primitiveText(source, declarator.init);
      if (text === null) return;
      const variable = topScope.set.get(declarator.id.name) as Variable | undefined;
      if (variable === undefined || variable.defs.length !== 1) return;
      const reads = variable.references.filter((reference: Reference) => !reference.init);
      if (reads.some((reference: Reference) => reference.isWrite() || !reference.isRead())) return;
      // A string read more than once stays one variable: every object that stores it then shares
      // the one string, where each written-in literal would make its own copy on the interpreter
      // (writing them in cost the Pico 52 variables, measured).
      if (/^['"`]/.test(text) && reads.length > 1) return;
      const parentOf = (reference: Reference) => parents.get(reference.identifier) as unknown as { type: string; shorthand?: boolean } | undefined;
      // An exported name must stay a name.
      if (reads.some((reference: Reference) => { const parent = parentOf(reference); return parent !== undefined && parent.type === 'ExportSpecifier'; })) return;
      reads.forEach((reference: Reference) => {
        const identifier = reference.identifier as unknown as Ranged;
        const parent = parentOf(reference);
        const shorthand = parent !== undefined && parent.type === 'Property' && parent.shorthand === true;
        edits.push({ start: identifier.start, end: identifier.end, text: shorthand ? declarator.id.name + ':' + text : text });
      });
      removed.add(declarator);
    });
    removeDeclarators(declaration, removed, edits);
  });
  if (edits.length === 0) return source;
  edits.sort((a, b) => b.start - a.start);
  let output = source;
  edits.forEach((edit) => {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  });
  return output;
}
