import type { DrillDetail } from '@/types';

/**
 * Scenario minutes now: the server's reading plus the real time since it was taken, scaled, while the run is
 * running (a paused or stopped clock stands still). Read again at every poll, so drift never builds up.
 */
export function scenarioMinutesAt(drill: Pick<DrillDetail, 'clock' | 'status' | 'timeScale'>, now: number): number {
  const { clock } = drill;
  if (drill.status !== 'running' || clock.halted) return clock.scenarioMinutes;
  const since = Math.max(0, now - new Date(clock.asOf).getTime());
  return clock.scenarioMinutes + (since / 60_000) * drill.timeScale;
}

/** "T+01:05" (hours:minutes of scenario time). */
export function formatScenarioClock(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  return `T+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "in 3:05" / "0:00" until an instant, in real time (minutes:seconds). */
export function formatUntil(iso: string, now: number): string {
  const s = Math.max(0, Math.round((new Date(iso).getTime() - now) / 1000));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export const isLive = (status: DrillDetail['status']) => status === 'running' || status === 'paused' || status === 'stopped';

/** Players and observers get the participant's view; the facilitator, evaluators and staff who watch the console. */
export const seesConsole = (drill: Pick<DrillDetail, 'you'>) => drill.you.facilitates || drill.you.evaluates || drill.you.role == null;
