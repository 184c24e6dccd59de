// Readers for the untyped `data` of settings events (the audit trail shows every shape ever stored).
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
