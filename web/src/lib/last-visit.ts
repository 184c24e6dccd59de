import { useEffect, useState } from 'react';

const key = (page: string, userId: string) => `incidentdesk.lastVisit.${page}.${userId}`;

function read(k: string): string | null {
  try {
    const v = globalThis.localStorage?.getItem(k);
    return v && !Number.isNaN(new Date(v).getTime()) ? v : null;
  } catch {
    return null;
  }
}

/**
 * When this user last opened the page on this browser (null the first time), for "what changed since your last
 * visit"; this visit is remembered as the next one's start. The time read stays for as long as the page is open.
 */
export function useLastVisit(page: string, userId: string): string | null {
  const [since] = useState(() => read(key(page, userId)));
  useEffect(() => {
    if (!userId) return;
    try {
      globalThis.localStorage?.setItem(key(page, userId), new Date().toISOString());
    } catch {
      // private mode: every visit is the first
    }
  }, [page, userId]);
  return since;
}
