// Lint rules: the Espruino language subset and the one-way import direction, enforced, not remembered.

import tseslint from 'typescript-eslint';

// Syntax Espruino does not run and esbuild does not refuse (or that we refuse twice, to name it clearly).
const ESPRUINO_SYNTAX = [
  { selector: 'Property[computed=true]', message: 'Espruino: no computed keys {[k]: v}.' },
  { selector: 'MethodDefinition[computed=true]', message: 'Espruino: no computed method names.' },
  { selector: 'PropertyDefinition[computed=true]', message: 'Espruino: no computed class fields.' },
  { selector: 'LabeledStatement', message: 'Espruino: no labelled statements.' },
  { selector: 'ObjectPattern', message: 'Espruino: no destructuring.' },
  { selector: 'ArrayPattern', message: 'Espruino: no destructuring.' },
  { selector: 'AssignmentPattern', message: 'Espruino: no default parameters.' },
  { selector: 'RestElement', message: 'Espruino: no rest parameters.' },
  { selector: 'SpreadElement', message: 'Espruino: no spread.' },
  { selector: 'TaggedTemplateExpression', message: 'Espruino: no tagged templates.' },
  { selector: 'FunctionDeclaration[generator=true], FunctionExpression[generator=true]', message: 'Espruino: no generators.' },
  { selector: ':function[async=true]', message: 'Espruino: no async functions; use Promise.then.' },
  { selector: "ClassDeclaration[superClass.name='Error'], ClassExpression[superClass.name='Error']", message: 'Espruino: do not extend Error; use new Error(msg) with a code field.' },
  { selector: "Literal[regex.pattern=/\\(\\?[=!<]/]", message: 'Espruino: no regex lookaround or named groups.' },
];

const MISSING_GLOBALS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'BigInt', 'RangeError', 'Reflect'].map((name) => ({
  name,
  message: `Espruino has no ${name}.`,
}));

const MISSING_PROPERTIES = [
  ['Object', 'freeze'],
  ['Array', 'from'],
  ['Array', 'of'],
  ['Number', 'isInteger'],
  ['Number', 'isFinite'],
  ['Number', 'isNaN'],
  ['Math', 'trunc'],
  ['Math', 'hypot'],
  ['Math', 'log2'],
  ['Promise', 'race'],
  ['Promise', 'allSettled'],
].map(([object, property]) => ({ object, property, message: `Espruino has no ${object}.${property}.` }));

// Globals the portable code (firmware and the simulator core) must reach only through the HAL.
const HOST_AND_DEVICE_GLOBALS = [
  'Date', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
  'process', 'require', 'console', 'global', 'globalThis', 'Buffer',
  'analogWrite', 'analogRead', 'digitalWrite', 'digitalRead', 'digitalPulse', 'pinMode', 'setWatch', 'clearWatch',
  'getTime', 'E', 'NRF', 'Pin', 'Serial1', 'USB', 'Bluetooth', 'save', 'load', 'reset',
].map((name) => ({ name, message: `${name} is reached only through the HAL (hal/espruino or the simulator ports).` }));

const DEVICE_RULES = {
  'no-restricted-syntax': ['error', ...ESPRUINO_SYNTAX],
  'no-restricted-properties': ['error', ...MISSING_PROPERTIES, { object: 'Math', property: 'random', message: 'Use a seeded random generator (sim/random.ts); Math.random breaks determinism.' }],
  'no-use-before-define': 'off',
  '@typescript-eslint/no-use-before-define': ['error', { functions: true, classes: true, variables: true, typedefs: false, ignoreTypeReferences: true }],
  'no-loop-func': 'error',
};

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'readline', 'process', 'util', 'events', 'tty', 'url'];

function importRule(patterns) {
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  // Stryker's sandboxes (.stryker-tmp, while a mutation run lasts) and reports are generated, not source.
  { ignores: ['node_modules/**', 'dist/**', '.stryker-tmp/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  // Device subset: everything that may run on Espruino (the device check's harness runs there too).
  {
    files: ['firmware/**/*.ts', 'hal/**/*.ts', 'sim/**/*.ts', 'scripts/device-check/harness.ts'],
    ignores: ['sim/cli/**'],
    rules: DEVICE_RULES,
  },
  // Portable code reaches hardware, time and randomness only through the HAL.
  {
    files: ['firmware/**/*.ts', 'sim/**/*.ts', 'hal/*.ts'],
    ignores: ['sim/cli/**'],
    rules: { 'no-restricted-globals': ['error', ...MISSING_GLOBALS, ...HOST_AND_DEVICE_GLOBALS] },
  },
  {
    files: ['hal/espruino/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...MISSING_GLOBALS, 'Date', 'globalThis', 'Buffer'] },
  },
  // Import direction: firmware -> hal <- sim | hal/espruino. Composition roots are the exceptions.
  {
    files: ['firmware/**/*.ts'],
    rules: importRule([
      { group: ['**/sim', '**/sim/**', '**/espruino', '**/espruino/**', '**/test/**', '**/scripts/**', ...NODE_BUILTINS], message: 'firmware/ may import only firmware/ and hal/.' },
    ]),
  },
  {
    files: ['hal/*.ts'],
    rules: importRule([
      { group: ['**/firmware/**', '**/sim/**', './espruino/**', '**/test/**', ...NODE_BUILTINS], message: 'hal/ holds only the contract and imports nothing else.' },
    ]),
  },
  {
    files: ['hal/espruino/**/*.ts'],
    ignores: ['hal/espruino/boot.ts'],
    rules: importRule([
      { group: ['**/firmware/**', '**/sim/**', '**/test/**', ...NODE_BUILTINS], message: 'hal/espruino/ implements the contract; only boot.ts (the device composition root) may import firmware/.' },
    ]),
  },
  {
    files: ['hal/espruino/boot.ts'],
    rules: importRule([{ group: ['**/sim/**', '**/test/**', ...NODE_BUILTINS], message: 'The device build must not include the simulator or Node.' }]),
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/cli/**', 'sim/selftest/**'],
    rules: importRule([
      { group: ['**/firmware', '**/firmware/**'], allowTypeImports: true, message: 'The simulator core may import only types from firmware/; composition roots (sim/cli, sim/selftest, test) wire the firmware in.' },
      { group: ['**/espruino/**', '**/cli/**', '**/test/**', ...NODE_BUILTINS], message: 'The simulator core is Espruino-safe: no Node modules, no device HAL, no command-line code.' },
    ]),
  },
  {
    files: ['sim/selftest/**/*.ts'],
    rules: importRule([{ group: ['**/espruino/**', '**/cli/**', '**/test/**', ...NODE_BUILTINS], message: 'The self-test runs on any Espruino: no Node modules.' }]),
  },
  // The web console is bundled for a browser: no Node modules, no command-line code (sim/cli, scripts).
  {
    files: ['web/**/*.ts'],
    rules: importRule([{ group: ['**/cli/**', '**/scripts/**', '**/test/**', ...NODE_BUILTINS], message: 'web/ runs in a browser: no Node modules, no sim/cli or scripts/ code.' }]),
  },
  // The page's simulation driver runs headless in tests too: the page's loop drives it, it reaches no DOM and no clock.
  {
    files: ['web/sim-driver.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['window', 'document', 'requestAnimationFrame', 'performance', 'Date', 'setTimeout', 'setInterval'].map((name) => ({ name, message: name + ': the page (web/console-page.ts) owns the DOM and wall time; the driver is told the elapsed time.' }))],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  // CommonJS helpers that load CommonJS-only tools (the espruino command-line tool) in a process of their own.
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', console: 'writable', Espruino: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
