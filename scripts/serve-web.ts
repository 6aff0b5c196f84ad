// `npm run web`: serve the built web console (dist/web) on localhost and print its address; `--port N` (default 8080).

import type { AddressInfo } from 'node:net';
import { serveStatic } from './static-server';
import { WEB_OUT_DIR } from './web-bundle';

const DEFAULT_PORT = 8080;
const USAGE = 'usage: npm run web -- [--port N]   (N from 0, any free port, to 65535; default ' + DEFAULT_PORT + ')';

/** The port the command line asks for; throws an Error with the usage for anything else. */
function parsePort(argv: string[]): number {
  let port = DEFAULT_PORT;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--port' && index + 1 < argv.length && /^\d+$/.test(argv[index + 1]) && Number(argv[index + 1]) <= 65535) port = Number(argv[++index]);
    else throw new Error((argv[index] === '--port' ? '--port needs a number from 0 to 65535' : 'unknown option ' + argv[index]) + '\n' + USAGE);
  }
  return port;
}

try {
  const port = parsePort(process.argv.slice(2));
  serveStatic(WEB_OUT_DIR, port).then(
    (server) => {
      const address = server.address() as AddressInfo;
      console.log('retrotread web console: http://127.0.0.1:' + address.port + '/   (Ctrl-C to stop)');
    },
    (error: Error) => {
      console.error('error: cannot serve on port ' + port + ': ' + error.message);
      process.exitCode = 1;
    },
  );
} catch (error) {
  console.error('error: ' + (error as Error).message);
  process.exitCode = 2;
}
