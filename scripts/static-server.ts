// A tiny static file server for the web console's built page on localhost: GET and HEAD of files under one folder, nothing else.

import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** Content types of the files the page consists of; anything else is served as bytes. */
const CONTENT_TYPES: { [extension: string]: string } = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * The file under `rootDir` that the request path `urlPath` names, or null when it would leave the
 * folder (`..`, an encoded slash trick): the server must not hand out the rest of the disk.
 */
export function fileForRequest(rootDir: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch (_error) {
    return null;
  }
  if (path.indexOf('\0') >= 0) return null;
  if (path.charAt(path.length - 1) === '/') path += 'index.html';
  const root = normalize(rootDir + sep);
  const file = normalize(join(root, path));
  return file.indexOf(root) === 0 ? file : null;
}

/**
 * Serve `rootDir` on 127.0.0.1:`port` (0: any free port); resolves with the listening server.
 * Only the local machine reaches it: the page needs nothing else.
 */
export function serveStatic(rootDir: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const file = request.method === 'GET' || request.method === 'HEAD' ? fileForRequest(rootDir, request.url || '/') : null;
    if (file === null) {
      response.writeHead(request.method === 'GET' || request.method === 'HEAD' ? 403 : 405);
      response.end();
      return;
    }
    readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('not found\n');
        return;
      }
      // No caching: after a rebuild, a reload must show the new page.
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
