// What "Espruino-safe" means for a bundle: esbuild settings and output checks, shared by the build and the build-gate test.

import type { BuildOptions } from 'esbuild';

/**
 * IIFE (a trailing `export` breaks Espruino), ES2015, and every syntax feature Espruino lacks
 * marked unsupported so esbuild refuses it instead of emitting it (../shared/espruino.md).
 */
export const ESPRUINO_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'iife',
  target: 'es2015',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // The espruino tool turns characters above 255 into '?' on RAM uploads: escape them instead.
  charset: 'ascii',
  logLevel: 'silent',
  supported: {
    destructuring: false,
    'default-argument': false,
    'rest-argument': false,
    generator: false,
    'async-await': false,
    'array-spread': false,
    'object-rest-spread': false,
    'for-await': false,
    'async-generator': false,
  },
};

/** Minification that keeps the bundle readable enough to debug and small enough for a Pico. */
export const DEVICE_MINIFY: BuildOptions = {
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
};

/**
 * Checks on the bundled text for traps esbuild cannot refuse. A named class expression
 * (`var A = class B {...}`, which esbuild emits when a class refers to itself by name) runs on
 * Node but its inner name is undefined on Espruino.
 */
export function findEspruinoTraps(bundleText: string): string[] {
  const problems: string[] = [];
  const namedClassExpression = /(?:[=(,:?]|return)\s*class\s+([A-Za-z_$][\w$]*)/g;
  let match = namedClassExpression.exec(bundleText);
  while (match !== null) {
    problems.push('named class expression "' + match[1] + '": a class must not refer to its own name inside its body (Espruino cannot resolve it)');
    match = namedClassExpression.exec(bundleText);
  }
  return problems;
}
