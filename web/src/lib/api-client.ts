import type { RuleViolation } from '@/types';

/** A parsed RFC 7807 problem (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  /** field name (camelCase, maybe nested like `who.value`) -> messages */
  readonly errors: Record<string, string[]>;
  readonly rules: RuleViolation[];
  readonly currentVersion: number | null;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | null;
    errors?: Record<string, string[]>;
    rules?: RuleViolation[];
    currentVersion?: number | null;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.errors = init.errors ?? {};
    this.rules = init.rules ?? [];
    this.currentVersion = init.currentVersion ?? null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** incident version read by the client; sent as If-Match: "<version>" */
  version?: number;
  /** default true; the session probe and the login call handle 401 themselves */
  redirectOnUnauthorized?: boolean;
  signal?: AbortSignal;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toErrors(v: unknown): Record<string, string[]> {
  if (!isRecord(v)) return {};
  const out: Record<string, string[]> = {};
  for (const [k, msgs] of Object.entries(v)) {
    if (Array.isArray(msgs)) out[k] = msgs.map(String);
    else if (typeof msgs === 'string') out[k] = [msgs];
  }
  return out;
}

function toRules(v: unknown): RuleViolation[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((r) => ({
    code: typeof r.code === 'string' ? r.code : '',
    message: typeof r.message === 'string' ? r.message : '',
    ...(typeof r.step === 'string' && r.step ? { step: r.step } : {}),
  }));
}

export async function parseProblem(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const p = isRecord(body) ? body : {};
  const cv = p.currentVersion;
  return new ApiError({
    status: res.status,
    title: typeof p.title === 'string' ? p.title : res.statusText || `HTTP ${res.status}`,
    detail: typeof p.detail === 'string' ? p.detail : null,
    errors: toErrors(p.errors),
    rules: toRules(p.rules),
    currentVersion: typeof cv === 'number' ? cv : typeof cv === 'string' && cv !== '' ? Number(cv) : null,
  });
}

function redirectToLogin() {
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  window.location.assign(`/login?next=${encodeURIComponent(pathname + search)}`);
}

/** The one HTTP helper: JSON in/out, same-origin cookies, antiforgery header, problem parsing. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, title: 'Network error', detail: e instanceof Error ? e.message : null });
  }

  if (!res.ok) {
    const err = await parseProblem(res);
    if (res.status === 401 && options.redirectOnUnauthorized !== false) redirectToLogin();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, extra?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...extra, method: 'POST', body: body ?? {} }),
};
