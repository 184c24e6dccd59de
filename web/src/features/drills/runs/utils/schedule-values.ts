import { z } from 'zod';
import { fieldResolver } from '@/lib/form-errors';
import { orgWallToIso, toOrgWall } from '@/lib/format';
import { DRILL_TEAMS, PARTICIPANT_ROLES, type ScheduleDrillRequest } from '@/types';

export const MAX_PARTICIPANTS = 30;
export const MIN_TIME_SCALE = 1;
export const MAX_TIME_SCALE = 60;

const participant = z.object({
  userId: z.string().min(1, 'drillRuns.validation.participantRequired'),
  role: z.enum(PARTICIPANT_ROLES),
  team: z.enum(DRILL_TEAMS),
});

export const scheduleSchema = z
  .object({
    scenarioId: z.string().min(1, 'drillRuns.validation.scenarioRequired'),
    facilitatorId: z.string().min(1, 'drillRuns.validation.facilitatorRequired'),
    participants: z.array(participant).min(1, 'drillRuns.validation.participantsRequired').max(MAX_PARTICIPANTS, 'drillRuns.validation.participantsMax'),
    plannedStart: z
      .string()
      .min(1, 'drillRuns.validation.plannedStartRequired')
      .refine((v) => orgWallToIso(v) !== '', 'validation.invalidDate'),
    timeScale: z.number('drillRuns.validation.timeScale').int('drillRuns.validation.timeScale').min(MIN_TIME_SCALE, 'drillRuns.validation.timeScale').max(MAX_TIME_SCALE, 'drillRuns.validation.timeScale'),
    announced: z.boolean(),
    webhooksEnabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    v.participants.forEach((p, i) => {
      if (p.userId && v.participants.findIndex((q) => q.userId === p.userId) !== i)
        ctx.addIssue({ code: 'custom', path: ['participants', i, 'userId'], message: 'drillRuns.validation.participantTwice' });
      if (p.userId && p.userId === v.facilitatorId)
        ctx.addIssue({ code: 'custom', path: ['participants', i, 'userId'], message: 'drillRuns.validation.facilitatorParticipant' });
    });
  });

export type ScheduleValues = z.input<typeof scheduleSchema>;

/** Starts in a quarter of an hour (rounded to five minutes), facilitated by the one scheduling it, one player to pick. */
export function scheduleDefaults(facilitatorId: string, now: Date = new Date()): ScheduleValues {
  const start = new Date(Math.ceil((now.getTime() + 15 * 60_000) / 300_000) * 300_000);
  return {
    scenarioId: '',
    facilitatorId,
    participants: [{ userId: '', role: 'player', team: 'responders' }],
    plannedStart: toOrgWall(start),
    timeScale: 1,
    announced: true,
    webhooksEnabled: false,
  };
}

export const toScheduleBody = (v: z.output<typeof scheduleSchema>): ScheduleDrillRequest => ({
  scenarioId: v.scenarioId,
  facilitatorId: v.facilitatorId,
  participants: v.participants.map((p) => ({ userId: p.userId, role: p.role, team: p.team })),
  plannedStart: orgWallToIso(v.plannedStart),
  timeScale: v.timeScale,
  announced: v.announced,
  webhooksEnabled: v.webhooksEnabled,
  chainId: null,
});

type Field =
  | 'scenarioId'
  | 'facilitatorId'
  | 'participants'
  | 'plannedStart'
  | 'timeScale'
  | 'announced'
  | 'webhooksEnabled'
  | `participants.${number}`
  | `participants.${number}.${'userId' | 'role' | 'team'}`;

const resolveField = fieldResolver<Field>(
  ['scenarioId', 'facilitatorId', 'participants', 'plannedStart', 'timeScale', 'announced', 'webhooksEnabled'],
  {},
  [/^participants\.\d+\.(userId|role|team)$/],
);
/** participants.2 (a null item) -> that row's person; chainId (chosen by default) -> the scenario. */
export const resolveScheduleKey = (key: string): Field | null => {
  const k = key.replace(/^body\./, '');
  const row = /^participants\.(\d+)$/.exec(k);
  if (row) return `participants.${Number(row[1])}.userId`;
  if (k === 'chainId') return 'scenarioId';
  return resolveField(k);
};
