// A tiny static file server for the built site, on loopback only.
// It serves a folder the way a static host would (folder/ → folder/index.html,
// unknown paths → 404.html with status 404) and sends the strict
// Content-Security-Policy the site promises to work under.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The policy every response carries: the site must work under it unchanged. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

async function readIfFile(file) {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return null;
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

/**
 * Starts a server for root on 127.0.0.1 at a free port.
 * Returns { origin, close(), requests } where requests lists every path asked for.
 */
export async function serve(root) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      rel = '/';
    }
    const file = path.join(root, path.normalize(rel));
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403, headers).end();
      return;
    }
    let body = null;
    let served = file;
    if (rel.endsWith('/')) {
      served = path.join(file, 'index.html');
      body = await readIfFile(served);
    } else {
      body = await readIfFile(file);
      if (body === null && (await readIfFile(path.join(file, 'index.html'))) !== null) {
        res.writeHead(301, { ...headers, Location: url.pathname + '/' }).end();
        return;
      }
    }
    let status = 200;
    if (body === null) {
      status = 404;
      served = path.join(root, '404.html');
      body = (await readIfFile(served)) ?? Buffer.from('not found');
    }
    const type = TYPES[path.extname(served).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(status, { ...headers, 'Content-Type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
