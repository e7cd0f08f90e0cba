/**
 * Downloading an article page: http(s) only, with a time-out, a size cap and a redirect limit.
 * Addresses in private, loopback, link-local and other non-public ranges are refused (checked on
 * the address actually connected to, so DNS cannot sneak one in), unless `allowPrivate` is set.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UserError } from '../errors.js';
import { ARTICLE_LIMITS, type ArticleLimits } from './limits.js';

export const FETCH_LIMITS = {
  /** Whole download, connection to last byte, in milliseconds. */
  timeoutMs: 10_000,
  /** Redirects followed, at most. */
  maxRedirects: 5,
} as const;

export interface FetchOptions {
  readonly allowPrivate?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
}

export interface Fetched {
  readonly content: Buffer;
  readonly contentType?: string;
  /** The address after redirects. */
  readonly url: string;
}

/** True when an IP address is on the public internet. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused) {
        return callback(
          new UserError(
            'FETCH_FAILED',
            `${hostname} points to a private or local address; it cannot be fetched.`,
          ) as unknown as NodeJS.ErrnoException,
          '',
          0,
        );
      }
      const first = list[0];
      if (!first) return callback(new Error(`No address for ${hostname}`) as NodeJS.ErrnoException, '', 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, first.address, first.family);
    });
  };
}

/** Parse and check a URL a person gave. */
export function checkUrl(raw: string, allowPrivate = false): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UserError('BAD_INPUT', 'That is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError('BAD_INPUT', 'Only http and https links can be added.');
  if (url.username || url.password)
    throw new UserError('BAD_INPUT', 'Links with a user name or password are not accepted.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (
    !allowPrivate &&
    (host === 'localhost' || host.endsWith('.localhost') || (ipaddr.isValid(host) && !isPublicAddress(host)))
  ) {
    throw new UserError('FETCH_FAILED', `${url.hostname} is a private or local address; it cannot be fetched.`);
  }
  return url;
}

function getOnce(
  url: URL,
  options: Required<FetchOptions>,
  deadline: number,
): Promise<{ status: number; location?: string; contentType?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const remaining = Math.max(1, deadline - Date.now());
    const request = client.get(
      url,
      {
        lookup: guardedLookup(options.allowPrivate),
        headers: {
          'user-agent': 'FootnoteBot/0.1 (+article fetcher)',
          accept: 'text/html,text/plain,text/markdown;q=0.9,*/*;q=0.1',
        },
        timeout: remaining,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ status, location: response.headers.location, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) {
          response.destroy();
          reject(
            new UserError('TOO_LARGE', `The page is larger than the ${Math.round(options.maxBytes / 1024)} KiB limit.`),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(
              new UserError(
                'TOO_LARGE',
                `The page is larger than the ${Math.round(options.maxBytes / 1024)} KiB limit.`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const contentType = response.headers['content-type'];
          resolve({ status, ...(contentType ? { contentType } : {}), body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new UserError('FETCH_FAILED', 'The page took too long to download.')),
      remaining,
    );
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy(new UserError('FETCH_FAILED', 'The page took too long to download.')));
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(
        error instanceof UserError
          ? error
          : new UserError(
              'FETCH_FAILED',
              `The page could not be fetched (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
            ),
      );
    });
  });
}

/** Download a page for `parseArticle`. Every failure is a `UserError` that says what went wrong. */
export async function fetchArticle(
  raw: string,
  options: FetchOptions = {},
  limits: ArticleLimits = ARTICLE_LIMITS,
): Promise<Fetched> {
  const opts: Required<FetchOptions> = {
    allowPrivate: options.allowPrivate ?? false,
    timeoutMs: options.timeoutMs ?? FETCH_LIMITS.timeoutMs,
    maxBytes: options.maxBytes ?? limits.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_LIMITS.maxRedirects,
  };
  const deadline = Date.now() + opts.timeoutMs;
  let url = checkUrl(raw, opts.allowPrivate);
  for (let hop = 0; hop <= opts.maxRedirects; hop++) {
    const result = await getOnce(url, opts, deadline);
    if (result.location !== undefined) {
      url = checkUrl(new URL(result.location, url).toString(), opts.allowPrivate);
      continue;
    }
    if (result.status < 200 || result.status >= 300) {
      throw new UserError('FETCH_FAILED', `The site answered ${result.status}; the page could not be fetched.`);
    }
    return {
      content: result.body,
      ...(result.contentType ? { contentType: result.contentType } : {}),
      url: url.toString(),
    };
  }
  throw new UserError('FETCH_FAILED', `Too many redirects (more than ${opts.maxRedirects}).`);
}
