// `npm run build:web`: the web console's static page in dist/web (index.html, one bundle, one style sheet).

import { relative } from 'node:path';
import { buildWebPage, ROOT, WEB_OUT_DIR } from './web-bundle';

buildWebPage(WEB_OUT_DIR).then(
  (result) => {
    console.log('build:web: ' + result.files.map((file) => relative(ROOT, file.path) + ' ' + file.bytes + ' bytes').join(', '));
  },
  (error: unknown) => {
    const failure = error as { errors?: { text: string }[]; message?: string };
    const lines = failure.errors && failure.errors.length > 0 ? failure.errors.map((item) => item.text) : [String(failure.message || error)];
    lines.forEach((line) => console.error('build:web: error: ' + line));
    process.exitCode = 1;
  },
);
