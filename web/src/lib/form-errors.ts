import type { ApiError } from './api-client';

/** Normalises ASP.NET style keys (`Measures[0].Description`, `$.who`, `body.summary`) to `measures.0.description`. */
export function normaliseFieldKey(key: string): string {
  return key
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s.length > 0)
    .map((s) => s.charAt(0).toLowerCase() + s.slice(1))
    .join('.');
}

export interface ServerErrorMapping<F extends string> {
  /** returns the form field to show the message on, or null to leave it for the form-level alert */
  resolve: (key: string) => F | null;
  setError: (name: F, error: { type: string; message: string }) => void;
}

/** Puts a 400's field errors on the form's fields; returns the messages no field took. */
export function applyServerErrors<F extends string>(error: ApiError, map: ServerErrorMapping<F>): string[] {
  const rest: string[] = [];
  let focused = false;
  for (const [rawKey, messages] of Object.entries(error.errors)) {
    const key = normaliseFieldKey(rawKey);
    const field = key ? map.resolve(key) : null;
    if (field) {
      map.setError(field, { type: 'server', message: messages.join(' ') });
      focused = true;
    } else {
      rest.push(...messages);
    }
  }
  if (!focused && rest.length === 0 && error.detail) rest.push(error.detail);
  return rest;
}

/** Builds a resolver from a list of known field names and optional aliases (server key -> form field). */
export function fieldResolver<F extends string>(
  fields: readonly F[],
  aliases: Record<string, F> = {},
  patterns: RegExp[] = [],
): (key: string) => F | null {
  const stripped = (k: string) => k.replace(/^(body|request|command)\./, '');
  return (key) => {
    const k = stripped(key);
    if (k in aliases) return aliases[k] ?? null;
    if ((fields as readonly string[]).includes(k)) return k as F;
    if (patterns.some((p) => p.test(k))) return k as F;
    return null;
  };
}
