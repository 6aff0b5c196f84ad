// Guards a bundle evaluated at top level: none of its top-level names may replace one of the interpreter's globals.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parse } from 'acorn';
import { PLATFORM_DECLARATION_FILES, PLATFORM_GLOBAL_NAMES, PRETOKEN_NAMES } from './property-mangling';

/*
 * Why: a device bundle is evaluated at top level (no wrapping function: Espruino gives every
 * function a record of each enclosing scope, and one level less saves hundreds of variables on a
 * Pico), so its top-level names become globals of the interpreter. esbuild keeps clear of the
 * globals the code names directly (`E`, `setWatch`), but not of those it reaches by a string at
 * run time: the pins (`global["B4"]`) above all. A bundle that declared `E` or `B4` would break
 * the HAL or drive the wrong pin; this check refuses it at build time.
 */

/** Pin names of the boards (A0, B15, D13, H0, ...), LEDs and buttons: globals of every Espruino. */
const PIN_LIKE = /^(?:[A-H][0-9]{1,2}|LED[0-9]?|BTN[0-9]?)$/;

/** The names each top-level statement of `bundleText` declares (var, let, const, function, class). */
export function topLevelNames(bundleText: string): string[] {
  const file = ts.createSourceFile('bundle.js', bundleText, ts.ScriptTarget.ES2015, false, ts.ScriptKind.JS);
  const names: string[] = [];
  file.statements.forEach((statement) => {
    if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((declaration) => {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      });
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name !== undefined) {
      names.push(statement.name.text);
    }
  });
  return names;
}

/** Every global the interpreter defines that the platform's declaration files list, plus our own additions. */
export function platformGlobalNames(root: string): Set<string> {
  const names = new Set<string>(PLATFORM_GLOBAL_NAMES);
  PLATFORM_DECLARATION_FILES.forEach((path) => {
    const file = ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.ES2015, false);
    file.statements.forEach((statement) => {
      if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((declaration) => {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      });
      else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isModuleDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name !== undefined && ts.isIdentifier(statement.name)) {
        names.add(statement.name.text);
      }
    });
  });
  return names;
}

/** The problems with `bundleText`'s top-level names: each one that would replace an interpreter global. */
export function findGlobalCollisions(bundleText: string, platformNames: Set<string>): string[] {
  return topLevelNames(bundleText)
    .filter((name) => PIN_LIKE.test(name) || platformNames.has(name))
    .map((name) => 'top-level name "' + name + '" would replace the interpreter\'s global of that name');
}

/**
 * The problems with `bundleText`'s names that the espruino tool would store as keywords
 * (PRETOKEN_NAMES): each property named so (`a.of`, `{of: 1}`), and each variable. The board
 * would not parse them.
 */
export function findPretokenKeywordNames(bundleText: string): string[] {
  const program = parse(bundleText, { ecmaVersion: 2020, sourceType: 'module' }) as unknown as { [key: string]: unknown };
  const found = new Set<string>();
  const visit = (node: { [key: string]: unknown }, asProperty: boolean): void => {
    if (node.type === 'Identifier' && PRETOKEN_NAMES.indexOf(node.name as string) >= 0) found.add((asProperty ? 'property ' : 'name ') + String(node.name));
    Object.keys(node).forEach((key) => {
      const value = node[key];
      const children = Array.isArray(value) ? value : [value];
      children.forEach((child) => {
        if (child === null || typeof child !== 'object' || typeof (child as { type?: unknown }).type !== 'string') return;
        const property = ((node.type === 'MemberExpression' && key === 'property') || (node.type === 'Property' && key === 'key')) && node.computed !== true;
        visit(child as { [key: string]: unknown }, property);
      });
    });
  };
  visit(program, false);
  return Array.from(found).map((name) => name + ': the espruino tool stores it as a keyword, which the board does not read as a name');
}
