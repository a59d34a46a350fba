// A tiny static file server for the built site, on loopback only.
// It serves a folder the way a static host would (folder/ → folder/index.html,
// unknown paths → 404.html with status 404) and sends exactly the headers that
// the build's _headers file gives each path, as Netlify and Cloudflare Pages do:
// the site must work under its own Content-Security-Policy unchanged.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Parses a _headers file (the Netlify / Cloudflare Pages format): a path pattern on a
 * line of its own, then its headers indented, "Name: value"; "#" starts a comment.
 * Returns [{ path, headers: [[name, value]] }]. Anything else is an error, so that a
 * file hosts would misread fails the tests.
 */
export function parseHeaders(text) {
  const rules = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (/^\s/.test(line)) {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(trimmed);
      if (!m || rules.length === 0) throw new Error(`_headers:${i + 1}: ${JSON.stringify(line)} is not a header of a rule`);
      rules.at(-1).headers.push([m[1], m[2]]);
    } else if (line.startsWith('/')) {
      if (/\s|:/.test(line)) throw new Error(`_headers:${i + 1}: ${JSON.stringify(line)}: spaces and :placeholders are not expected`);
      rules.push({ path: line, headers: [] });
    } else {
      throw new Error(`_headers:${i + 1}: ${JSON.stringify(line)} is neither a path nor a header`);
    }
  });
  return rules;
}

/** Whether a rule's pattern matches a request path: literally, or up to a trailing "*". */
export function matches(pattern, pathname) {
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
}

/**
 * The headers rules give pathname, as Cloudflare Pages sends them: every matching rule's,
 * a header given by two rules joined with ", " (the build never does that; the tests
 * would see the doubled value).
 */
export function headersFor(rules, pathname) {
  const out = {};
  for (const r of rules) {
    if (!matches(r.path, pathname)) continue;
    for (const [name, value] of r.headers) out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** Reads root/_headers; a site built by sitegen always has one. */
export async function readHeaders(root) {
  let text;
  try {
    text = await fs.readFile(path.join(root, '_headers'), 'utf8');
  } catch (err) {
    throw new Error(`${root} has no _headers file (is it a sitegen build?): ${err.message}`);
  }
  return parseHeaders(text);
}

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
 * Returns { origin, close(), requests, rules } where requests lists every path asked
 * for and rules are the parsed _headers.
 */
export async function serve(root) {
  const rules = await readHeaders(root);
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
    const headers = headersFor(rules, url.pathname);
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403, headers).end();
      return;
    }
    let body = null;
    let served = file;
    if (rel === '/_headers') {
      // Hosts read _headers and never serve it.
    } else if (rel.endsWith('/')) {
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
    rules,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
