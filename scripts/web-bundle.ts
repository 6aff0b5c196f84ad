// The web console's static page built with esbuild: one browser bundle, its CSS and index.html, with no Node built-in allowed in.

import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The repository's root (this file is in scripts/). */
export const ROOT = join(__dirname, '..');
/** Where `npm run build:web` writes the page. */
export const WEB_OUT_DIR = join(ROOT, 'dist', 'web');
/** The page's entry module: the DOM side, which imports the simulation driver. */
export const WEB_ENTRY = join(ROOT, 'web', 'console-page.ts');
/** The page's bundle and style sheet names inside the output folder (index.html names them). */
export const WEB_BUNDLE_NAME = 'console-page.js';
export const WEB_STYLE_NAME = 'console-page.css';

/** Module names Node provides itself, with and without the `node:` prefix. */
const NODE_BUILTINS: string[] = builtinModules.filter((name) => name.charAt(0) !== '_');

/** Whether `path` names a Node built-in module (`fs`, `node:fs`, `fs/promises`...). */
export function isNodeBuiltin(path: string): boolean {
  const bare = path.indexOf('node:') === 0 ? path.substring(5) : path;
  return NODE_BUILTINS.indexOf(bare) >= 0 || NODE_BUILTINS.indexOf(bare.split('/')[0]) >= 0;
}

/**
 * Refuses any import of a Node built-in, naming the importer. esbuild's browser platform would
 * refuse most of them too, but only with a hint, and some packages map them away in their
 * package.json; the page must never carry Node-only code (sim/cli, scripts), so the build says so.
 */
export const NO_NODE_BUILTINS: Plugin = {
  name: 'no-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (!isNodeBuiltin(args.path)) return undefined;
      return { errors: [{ text: 'the web console must not import the Node built-in "' + args.path + '" (imported by ' + args.importer + '): keep Node-only code out of web/' }] };
    });
  },
};

/** What a build wrote: the files and their sizes in bytes. */
export interface WebBuildResult {
  files: { path: string; bytes: number }[];
}

/**
 * Bundle `entry` for the browser into `outDir` (a `<entry name>.js` and, when the entry imports
 * CSS, a `<entry name>.css`) and copy web/index.html beside it. Rejects with esbuild's errors,
 * a Node built-in among them. Called by `npm run build:web` and by the tests.
 */
export async function buildWebPage(outDir: string, entry?: string): Promise<WebBuildResult> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [entry || WEB_ENTRY],
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    // Browsers of the last years; the page uses no syntax newer than the firmware's anyway.
    target: 'es2017',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [NO_NODE_BUILTINS],
    logLevel: 'silent',
    metafile: true,
    // The metafile's output paths are relative to this.
    absWorkingDir: ROOT,
  });
  copyFileSync(join(ROOT, 'web', 'index.html'), join(outDir, 'index.html'));
  const written = Object.keys(result.metafile.outputs).map((path) => join(ROOT, path));
  written.push(join(outDir, 'index.html'));
  return { files: written.map((path) => ({ path: path, bytes: statSync(path).size })) };
}
