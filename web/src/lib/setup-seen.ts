/**
 * Whether an admin has been through the setup checklist on this browser: their first sign-in lands on it, later
 * ones on the board. A per-browser note, not a setting (nothing about the install changes), so localStorage.
 */
const key = (userId: string) => `incidentdesk.setup-seen.${userId}`;

export function setupSeen(userId: string): boolean {
  try {
    return window.localStorage.getItem(key(userId)) === '1';
  } catch {
    return true; // storage blocked: never trap the admin on the checklist
  }
}

export function markSetupSeen(userId: string): void {
  try {
    window.localStorage.setItem(key(userId), '1');
  } catch {
    // storage blocked: the checklist shows again next time, which is harmless
  }
}
