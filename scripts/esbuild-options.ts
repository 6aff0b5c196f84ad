// The esbuild settings that define "Espruino-safe": shared by the build and the build-gate test.

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
  charset: 'utf8',
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
