// Which property names a small-board bundle may shorten, and which must keep their names.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Files whose declared property names reach the world outside one bundle: commands from a remote
 * link, configuration overrides (board, storage), the status a console shows and the console
 * handle's methods, stored records,
 * programs, and scenario files. Their names are a format; shortening them would break it.
 */
export const EXTERNAL_SHAPE_FILES = [
  'firmware/command.ts',
  'firmware/config.ts',
  'firmware/treadmill-status.ts',
  'firmware/treadmill-console.ts',
  'firmware/console-protocol.ts',
  'hal/memory-report.ts',
  'firmware/fault-code.ts',
  'firmware/core/safety-state.ts',
  'firmware/core/session-metrics.ts',
  'firmware/persistence',
  'firmware/program/program.ts',
  'firmware/program/program-control.ts',
  'sim/scenario/scenario-types.ts',
];

/** Declarations of the platform the bundle runs on: Espruino's API and our own ambient additions. */
export const PLATFORM_DECLARATION_FILES = ['node_modules/@types/espruino/index.d.ts', 'hal/espruino/espruino-globals.d.ts'];

/**
 * Globals of the interpreter that the HAL reaches as properties of `global` (or `global` itself)
 * but that no declaration file lists as such: `require` is a module-scoped function on Node, not a
 * property of its global object, so reading names from Node's `globalThis` misses it.
 */
export const PLATFORM_GLOBAL_NAMES = ['require', 'global', 'process', 'module', 'exports'];

/**
 * Words the interpreter's lexer reads as its own tokens, which JavaScript lets a property have as
 * its name: a shortened name must never be one. Found by the device check: a change that added a
 * few property names moved esbuild's shortening so that a configuration field became `of`, and
 * Espruino stopped at the object literal (`Got of expected '}'`). Held as reserved names, esbuild
 * neither keeps nor makes them.
 */
export const INTERPRETER_WORDS = ['of', 'undefined', 'let', 'static', 'get', 'set', 'yield', 'async', 'await'];

/** Source folders whose string literals may be used as property keys at run time. */
export const SOURCE_FOLDERS = ['firmware', 'hal', 'sim'];

/** JavaScript's own objects: their property names are the language's and Node's (a superset of Espruino's). */
const BUILTIN_OBJECTS: unknown[] = [
  Object, Function, Array, String, Number, Boolean, Math, JSON, RegExp, Error, TypeError, RangeError, SyntaxError, ReferenceError,
  ArrayBuffer, DataView, Uint8Array, Int8Array, Uint8ClampedArray, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array,
  Promise, Date, console, process, globalThis,
];

function listTypeScriptFiles(root: string, path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  const files: string[] = [];
  readdirSync(full).forEach((entry) => {
    const child = join(path, entry);
    if (statSync(join(root, child)).isDirectory()) files.push(...listTypeScriptFiles(root, child));
    else if (/\.(ts|json)$/.test(entry)) files.push(child);
  });
  return files;
}

function parse(root: string, path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.ES2015, true);
}

function propertyNameText(name: ts.PropertyName | undefined): string | null {
  if (name === undefined) return null;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

/** Every property and method name declared in a file (interfaces, type literals, classes, object literals). */
function collectDeclaredNames(file: ts.SourceFile, into: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) {
      const text = propertyNameText(node.name);
      if (text !== null) into.add(text);
    } else if (ts.isShorthandPropertyAssignment(node)) {
      into.add(node.name.text);
    } else if (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isModuleDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      // Ambient globals such as `E` or `Pin`: their names are read as properties of the global object too.
      if (node.name !== undefined && ts.isIdentifier(node.name)) into.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** Every string literal's text (values and literal types): any of them may index an object at run time. */
function collectStringLiterals(file: ts.SourceFile, into: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) into.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
}

function collectJsonKeys(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => collectJsonKeys(item, into));
  else if (value !== null && typeof value === 'object') {
    Object.keys(value as object).forEach((key) => {
      into.add(key);
      collectJsonKeys((value as { [key: string]: unknown })[key], into);
    });
  }
}

/** Property names of the builtin objects, their prototypes, and the prototypes' prototypes. */
function collectBuiltinNames(into: Set<string>): void {
  BUILTIN_OBJECTS.forEach((item) => {
    let current: unknown;
    const seen: unknown[] = [];
    const pending: unknown[] = [item];
    if (typeof item === 'function') pending.push((item as { prototype?: unknown }).prototype);
    while (pending.length > 0) {
      current = pending.pop();
      if (current === null || current === undefined || seen.indexOf(current) >= 0) continue;
      seen.push(current);
      Object.getOwnPropertyNames(current).forEach((name) => into.add(name));
      pending.push(Object.getPrototypeOf(current));
    }
  });
}

/**
 * The interpreter words (INTERPRETER_WORDS) short enough for esbuild to make up as a name of its
 * own, of a variable as of a property: the device bundles hold them back from their shortened
 * variable names too (scripts/device-bundles.ts), and the build refuses a bundle that still uses
 * one as a name (findPretokenKeywordNames). Not the longer words: a code generator's own use of
 * them (Stryker's instrumentation names a property `static`) is no bug.
 */
export const PRETOKEN_NAMES = INTERPRETER_WORDS.filter((word) => word.length <= 3 && word !== 'get' && word !== 'set');

/**
 * The names a mangled bundle must keep: builtins, the platform's API, external shapes, every
 * string literal of the sources and every key of a JSON file among them. Anything else is a name
 * only this bundle uses, and esbuild may shorten it consistently.
 */

export function reservedPropertyNames(root: string, keepExternalShapes: boolean): Set<string> {
  const names = new Set<string>();
  collectBuiltinNames(names);
  PLATFORM_GLOBAL_NAMES.forEach((name) => names.add(name));
  INTERPRETER_WORDS.forEach((name) => names.add(name));
  PLATFORM_DECLARATION_FILES.forEach((path) => collectDeclaredNames(parse(root, path), names));
  if (keepExternalShapes) EXTERNAL_SHAPE_FILES.forEach((path) => {
    listTypeScriptFiles(root, path).forEach((file) => collectDeclaredNames(parse(root, file), names));
  });
  SOURCE_FOLDERS.forEach((folder) => {
    listTypeScriptFiles(root, folder).forEach((file) => {
      if (file.endsWith('.json')) collectJsonKeys(JSON.parse(readFileSync(join(root, file), 'utf8')), names);
      else collectStringLiterals(parse(root, file), names);
    });
  });
  return names;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * esbuild options that shorten every other property name (esbuild keeps quoted keys as they are).
 * Reserving a name keeps it, but does not stop esbuild making it for another property: the
 * mangle cache gives each INTERPRETER_WORDS name to a property no source has, so that esbuild
 * counts it as taken (checked with esbuild 0.28 on 3000 properties: without the entry one became `of`).
 */
export function propertyManglingOptions(root: string, keepExternalShapes: boolean): { mangleProps: RegExp; reserveProps: RegExp; mangleCache: { [name: string]: string } } {
  const reserved = Array.from(reservedPropertyNames(root, keepExternalShapes)).sort();
  const mangleCache: { [name: string]: string } = {};
  INTERPRETER_WORDS.forEach((word) => {
    mangleCache['interpreterWordHeldBack_' + word] = word;
  });
  return {
    mangleProps: /^[A-Za-z_$][\w$]*$/,
    reserveProps: new RegExp('^(?:' + reserved.map(escapeForRegExp).join('|') + ')$'),
    mangleCache: mangleCache,
  };
}
