// Writes a device bundle's branches that the minifier folded into expressions back as `if` statements with braced blocks, which the interpreter skips without parsing.

import { parse, type Node } from 'acorn';

/*
 * Why: esbuild's syntax minifier folds `if (a) { b; c; }` into the statement `a && (b, c);`, an
 * `if`/`else` into `a ? b : c;`, and trailing statements into `return b, c, r;`. Shorter text, but
 * on Espruino, which runs the source as it reads it, a branch not taken costs very differently in
 * the two forms: an untaken braced block is skipped by counting brackets over its tokens
 * (`jspeSkipBlock` in jsparse.c), while the untaken operand of `&&`, `||` or `?:` is parsed in full
 * with execution switched off, every token through the whole expression grammar. The control
 * tick's functions are mostly branches not taken (a check that does not trip, a ramp already at
 * its target), so this pass gives them their blocks back after minifying.
 *
 * What it rewrites, in statement position only (an expression's value is never changed):
 * - `a && b;` as `if (a) { b }`, `a || b;` as `if (!(a)) { b }`, `a ? b : c;` as
 *   `if (a) { b } else { c }`, when the operand that may be skipped is long enough to pay for the
 *   braces (`MIN_SKIPPED_CHARACTERS`);
 * - `b, c;` as `b; c;` (so that each part can be rewritten by the rules here);
 * - `return b, c, r;` as `b; c; return r;` and `return a ? (b, r) : s;` as
 *   `if (a) { b; return r } return s;` when a branch is long enough;
 * - `if (b, c, test) ...` as `b; c; if (test) ...`;
 * - an `if`'s or `else`'s single statement, when long enough, in braces.
 * A rewritten statement where one statement is expected (an `if`'s branch, a loop's body) is
 * wrapped in braces. Declarations are never moved, so no block gains a `let` and its scope.
 */

type AnyNode = Node & { [key: string]: unknown };

/** Shorter skipped operands stay as they are: the braces and `if` cost more than parsing them. */
const MIN_SKIPPED_CHARACTERS = 8;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Rewrite `source` (an ES2020 module). Returns the new text and how many statements changed. */
export function branchesAsBlocks(source: string): { text: string; rewritten: number } {
  const program = parse(source, { ecmaVersion: 2020, sourceType: 'module' }) as unknown as AnyNode;
  let rewritten = 0;

  /** The text of `node` with the rewrites inside it applied. */
  function textOf(node: AnyNode): string {
    const edits = editsWithin(node);
    let text = '';
    let at = node.start;
    for (const edit of edits) {
      text += source.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return text + source.slice(at, node.end);
  }

  /** The outermost rewrites among `node`'s descendants, in source order. */
  function editsWithin(node: AnyNode): Edit[] {
    const edits: Edit[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'start' || key === 'end' || key === 'type') continue;
      const value = node[key];
      const children = Array.isArray(value) ? (value as unknown[]) : [value];
      const inList = Array.isArray(value) && (key === 'body' || key === 'consequent');
      for (const child of children) {
        if (child === null || typeof child !== 'object' || typeof (child as AnyNode).type !== 'string') continue;
        const childNode = child as AnyNode;
        const edit = isStatement(childNode) ? rewriteStatement(childNode, inList) : null;
        if (edit !== null) edits.push(edit);
        else editsWithin(childNode).forEach((inner) => edits.push(inner));
      }
    }
    return edits.sort((left, right) => left.start - right.start);
  }

  /** `node` rewritten as one edit, or null when it stays (its insides are then visited as usual). */
  function rewriteStatement(node: AnyNode, inList: boolean): Edit | null {
    let parts: string[] | null = null;
    if (node.type === 'ExpressionStatement' && worthRewriting(node.expression as AnyNode)) parts = expressionStatements(node.expression as AnyNode);
    else if (node.type === 'ReturnStatement' && node.argument && worthRewritingReturn(node.argument as AnyNode)) parts = returnStatements(node.argument as AnyNode);
    else if (node.type === 'IfStatement' && (leadingExpressions(node.test as AnyNode).length > 0 || unbracedAndLong(node.consequent as AnyNode) || (node.alternate && unbracedAndLong(node.alternate as AnyNode)))) {
      // `if (b, c, test)`: the minifier moved the statements before an `if` into its test.
      const leading = leadingExpressions(node.test as AnyNode);
      const test = leading.length > 0 ? (node.test as AnyNode).expressions as AnyNode[] : [node.test as AnyNode];
      let text = 'if(' + textOf(test[test.length - 1]) + ')' + braced(node.consequent as AnyNode);
      if (node.alternate) text += 'else ' + (isIf(node.alternate as AnyNode) ? branchText(node.alternate as AnyNode) : braced(node.alternate as AnyNode));
      parts = flatten(leading.map(expressionStatements)).concat([text]);
    }
    if (parts === null) return null;
    rewritten++;
    // Where one statement is expected (an `if`'s branch, a loop's body) the result is always
    // braced: several statements need it, and an `if` there would take the outer `if`'s `else`.
    const text = inList ? joined(parts) : '{' + joined(parts) + '}';
    return { start: node.start, end: node.end, text };
  }

  function braced(statement: AnyNode): string {
    if (statement.type === 'BlockStatement') return textOf(statement);
    const edit = rewriteStatement(statement, true);
    return '{' + (edit !== null ? edit.text : textOf(statement)) + '}';
  }

  /** An `else if` stays an `else if`, its own branches rewritten. */
  function branchText(statement: AnyNode): string {
    const edit = rewriteStatement(statement, false);
    return edit !== null ? edit.text : textOf(statement);
  }

  function unbracedAndLong(statement: AnyNode): boolean {
    return statement.type !== 'BlockStatement' && !isIf(statement) && statement.end - statement.start >= MIN_SKIPPED_CHARACTERS;
  }

  /** `expression`, in statement position, as statements. */
  function expressionStatements(expression: AnyNode): string[] {
    if (expression.type === 'SequenceExpression') return flatten((expression.expressions as AnyNode[]).map(expressionStatements));
    if (expression.type === 'LogicalExpression' && long(expression.right as AnyNode)) {
      const test = textOf(expression.left as AnyNode);
      if (expression.operator === '&&') return ['if(' + test + '){' + joined(expressionStatements(expression.right as AnyNode)) + '}'];
      if (expression.operator === '||') return ['if(!(' + test + ')){' + joined(expressionStatements(expression.right as AnyNode)) + '}'];
    }
    if (expression.type === 'ConditionalExpression' && (long(expression.consequent as AnyNode) || long(expression.alternate as AnyNode))) {
      return ['if(' + textOf(expression.test as AnyNode) + '){' + joined(expressionStatements(expression.consequent as AnyNode)) + '}else{' + joined(expressionStatements(expression.alternate as AnyNode)) + '}'];
    }
    return [asStatement(textOf(expression))];
  }

  /** `return argument`, as statements. */
  function returnStatements(argument: AnyNode): string[] {
    if (argument.type === 'SequenceExpression') {
      const expressions = argument.expressions as AnyNode[];
      const before = flatten(expressions.slice(0, -1).map(expressionStatements));
      return before.concat(returnStatements(expressions[expressions.length - 1]));
    }
    if (argument.type === 'ConditionalExpression' && (long(argument.consequent as AnyNode) || long(argument.alternate as AnyNode))) {
      return ['if(' + textOf(argument.test as AnyNode) + '){' + joined(returnStatements(argument.consequent as AnyNode)) + '}'].concat(returnStatements(argument.alternate as AnyNode));
    }
    return ['return ' + textOf(argument)];
  }

  /** An expression statement worth rewriting: it holds a branch long enough, or a sequence. */
  function worthRewriting(expression: AnyNode): boolean {
    if (expression.type === 'SequenceExpression') return (expression.expressions as AnyNode[]).some(worthRewriting);
    if (expression.type === 'LogicalExpression') return (expression.operator === '&&' || expression.operator === '||') && long(expression.right as AnyNode);
    if (expression.type === 'ConditionalExpression') return long(expression.consequent as AnyNode) || long(expression.alternate as AnyNode);
    return false;
  }

  function worthRewritingReturn(argument: AnyNode): boolean {
    if (argument.type === 'SequenceExpression') return true;
    if (argument.type === 'ConditionalExpression') return long(argument.consequent as AnyNode) || long(argument.alternate as AnyNode);
    return false;
  }

  return { text: textOf(program), rewritten };
}

/** The expressions before the last of an `if`'s test written as a sequence (none otherwise). */
function leadingExpressions(test: AnyNode): AnyNode[] {
  return test.type === 'SequenceExpression' ? (test.expressions as AnyNode[]).slice(0, -1) : [];
}

function long(node: AnyNode): boolean {
  return node.end - node.start >= MIN_SKIPPED_CHARACTERS;
}

function isIf(node: AnyNode): boolean {
  return node.type === 'IfStatement';
}

function isStatement(node: AnyNode): boolean {
  return node.type === 'ExpressionStatement' || node.type === 'ReturnStatement' || node.type === 'IfStatement';
}

/** A text that would not read as an expression statement (`function`, `{`, `class`, `let [`) in parentheses. */
function asStatement(text: string): string {
  return /^(function\b|class\b|let\s*\[|\{)/.test(text) ? '(' + text + ')' : text;
}

/** Statements one after another: a `;` after each but the `if`s this pass wrote (their blocks end them). */
function joined(parts: string[]): string {
  return parts.map((part) => (part.startsWith('if(') && part.endsWith('}') ? part : part + ';')).join('');
}

function flatten(lists: string[][]): string[] {
  const all: string[] = [];
  lists.forEach((list) => list.forEach((item) => all.push(item)));
  return all;
}
