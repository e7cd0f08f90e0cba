import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, fetchArticle, isPublicAddress } from '../../src/corpus/fetch.js';
import { UserError } from '../../src/errors.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><body><article><p>Hello from a local page, with enough words to be an article.</p></article></body></html>',
      );
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/article' });
      res.end();
    } else if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(5000));
    } else if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      // never ends
    } else {
      res.writeHead(404);
      res.end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a failure');
}

describe('fetchArticle', () => {
  it('downloads a page when private addresses are allowed, following redirects', async () => {
    const page = await fetchArticle(`${base}/redirect`, { allowPrivate: true });
    expect(page.url).toBe(`${base}/article`);
    expect(page.contentType).toMatch(/text\/html/);
    expect(page.content.toString()).toContain('Hello from a local page');
  });

  it('refuses loopback and private addresses by default', async () => {
    expect((await failure(fetchArticle(`${base}/article`))).message).toMatch(/private or local address/);
    expect((await failure(fetchArticle('http://localhost:1/x'))).code).toBe('FETCH_FAILED');
    expect((await failure(fetchArticle('http://10.0.0.1/x'))).code).toBe('FETCH_FAILED');
    expect((await failure(fetchArticle('http://169.254.169.254/latest/meta-data'))).code).toBe('FETCH_FAILED');
    expect((await failure(fetchArticle('http://[::1]/x'))).code).toBe('FETCH_FAILED');
  });

  it('caps the size, the time and the redirects', async () => {
    expect((await failure(fetchArticle(`${base}/big`, { allowPrivate: true, maxBytes: 1000 }))).code).toBe('TOO_LARGE');
    expect((await failure(fetchArticle(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 }))).message).toMatch(
      /too long/,
    );
    expect((await failure(fetchArticle(`${base}/loop`, { allowPrivate: true, maxRedirects: 3 }))).message).toMatch(
      /Too many redirects/,
    );
  });

  it('reports HTTP errors and unreachable hosts plainly', async () => {
    expect((await failure(fetchArticle(`${base}/missing`, { allowPrivate: true }))).message).toMatch(/answered 404/);
    expect((await failure(fetchArticle('http://127.0.0.1:1/x', { allowPrivate: true }))).message).toMatch(
      /could not be fetched/,
    );
  });
});

describe('checkUrl and isPublicAddress', () => {
  it('accepts only http(s) without credentials', () => {
    expect(() => checkUrl('ftp://example.com/a')).toThrow(/Only http and https/);
    expect(() => checkUrl('file:///etc/passwd')).toThrow(/Only http and https/);
    expect(() => checkUrl('https://user:pw@example.com/')).toThrow(/user name or password/);
    expect(() => checkUrl('not a url')).toThrow(/not a valid URL/);
    expect(checkUrl('https://example.com/a').hostname).toBe('example.com');
  });

  it('tells public from non-public addresses', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '172.16.0.1',
      '169.254.1.1',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      'nonsense',
    ]) {
      expect(isPublicAddress(a)).toBe(false);
    }
  });
});
