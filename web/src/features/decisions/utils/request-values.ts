import { z } from 'zod';
import { fieldResolver } from '@/lib/form-errors';
import { orgWallToIso, toOrgWall } from '@/lib/format';
import { pickText } from '@/lib/localized';
import { DECISION_KINDS, ON_EXPIRY, type DecisionKind, type DecisionKindTemplate, type RequestDecisionRequest } from '@/types';

const OPTION_ID = /^[a-z0-9_-]+$/;
const oneLine = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .refine((v) => !/\p{Cc}/u.test(v), 'validation.oneLine');

const option = z.object({
  id: z.string().regex(OPTION_ID, 'decisions.validation.optionId'),
  label: oneLine(300, 'decisions.validation.max300').pipe(z.string().min(1, 'validation.required')),
  consequence: z.string().trim().min(1, 'decisions.validation.consequenceRequired').max(2000, 'validation.max2000'),
});
const approver = z.object({ accountId: z.string().min(1, 'decisions.validation.approverRequired'), deputyId: z.string() });

export const requestSchema = z
  .object({
    kind: z.enum(DECISION_KINDS),
    question: oneLine(1000, 'validation.max1000').pipe(z.string().min(1, 'decisions.validation.questionRequired')),
    options: z.array(option).min(2, 'decisions.validation.twoOptions').max(5, 'decisions.validation.fiveOptions'),
    recommendedOptionId: z.string(),
    recommendation: z.string().trim().max(2000, 'validation.max2000'),
    context: z.string().trim().min(1, 'decisions.validation.contextRequired').max(4000, 'validation.max4000'),
    unknowns: z.string(),
    neededBy: z
      .string()
      .min(1, 'decisions.validation.neededByRequired')
      .refine((v) => orgWallToIso(v) !== '', 'validation.invalidDate')
      .refine((v) => new Date(orgWallToIso(v)).getTime() > Date.now(), 'decisions.validation.neededByFuture'),
    approvers: z.array(approver).min(1, 'decisions.validation.approverRequired').max(10, 'decisions.validation.tenApprovers'),
    quorum: z.enum(['any', 'all']),
    onExpiry: z.enum(ON_EXPIRY),
    defaultOptionId: z.string(),
  })
  .superRefine((v, ctx) => {
    const lines = unknownLines(v.unknowns);
    if (lines.length > 20) ctx.addIssue({ code: 'custom', path: ['unknowns'], message: 'validation.max20Items' });
    if (lines.some((l) => l.length > 500)) ctx.addIssue({ code: 'custom', path: ['unknowns'], message: 'validation.max500' });
    const ids = new Set<string>();
    v.options.forEach((o, i) => {
      if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: 'decisions.validation.optionIdTwice' });
      ids.add(o.id);
    });
    v.approvers.forEach((a, i) => {
      if (a.deputyId && a.deputyId === a.accountId)
        ctx.addIssue({ code: 'custom', path: ['approvers', i, 'deputyId'], message: 'decisions.validation.deputySelf' });
      if (v.approvers.findIndex((b) => b.accountId === a.accountId) !== i)
        ctx.addIssue({ code: 'custom', path: ['approvers', i, 'accountId'], message: 'decisions.validation.approverTwice' });
    });
    if (v.onExpiry === 'apply_safe_option' && !v.defaultOptionId)
      ctx.addIssue({ code: 'custom', path: ['defaultOptionId'], message: 'decisions.validation.defaultRequired' });
  });

export type RequestValues = z.input<typeof requestSchema>;

const unknownLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The kind's pre-written question and options in the user's language; "other" starts with two empty options. */
export function kindPrefill(template: DecisionKindTemplate | undefined, lang: string): Pick<RequestValues, 'question' | 'options'> {
  if (!template || template.options.length === 0)
    return {
      question: template ? pickText(template.question, lang) : '',
      options: [
        { id: 'option_1', label: '', consequence: '' },
        { id: 'option_2', label: '', consequence: '' },
      ],
    };
  return {
    question: pickText(template.question, lang),
    options: template.options.map((o) => ({ id: o.id, label: pickText(o.label, lang), consequence: pickText(o.consequence, lang) })),
  };
}

/** A new request's values: the step's kind (or the one chosen), due in two hours, one approver to pick. */
export function requestDefaults(kinds: readonly DecisionKindTemplate[], lang: string, kind: DecisionKind, now: Date = new Date()): RequestValues {
  return {
    kind,
    ...kindPrefill(
      kinds.find((k) => k.kind === kind),
      lang,
    ),
    recommendedOptionId: '',
    recommendation: '',
    context: '',
    unknowns: '',
    neededBy: toOrgWall(new Date(now.getTime() + 2 * 3_600_000)),
    approvers: [{ accountId: '', deputyId: '' }],
    quorum: 'any',
    onExpiry: 'escalate',
    defaultOptionId: '',
  };
}

export function toRequestBody(v: z.output<typeof requestSchema>, stepId: string | null): RequestDecisionRequest {
  return {
    kind: v.kind,
    stepId,
    question: v.question,
    options: v.options.map((o) => ({ id: o.id, label: o.label, consequence: o.consequence })),
    recommendedOptionId: v.recommendedOptionId || null,
    recommendation: v.recommendation || null,
    context: v.context,
    unknowns: unknownLines(v.unknowns),
    neededBy: orgWallToIso(v.neededBy),
    approvers: v.approvers.map((a) => ({ accountId: a.accountId, deputyId: a.deputyId || null })),
    quorum: v.quorum,
    onExpiry: v.onExpiry,
    defaultOptionId: v.onExpiry === 'record_no_decision' ? null : v.defaultOptionId || null,
  };
}

type Field =
  | 'kind'
  | 'question'
  | 'options'
  | 'recommendedOptionId'
  | 'recommendation'
  | 'context'
  | 'unknowns'
  | 'neededBy'
  | 'approvers'
  | 'quorum'
  | 'onExpiry'
  | 'defaultOptionId'
  | `options.${number}.${'id' | 'label' | 'consequence'}`
  | `approvers.${number}.${'accountId' | 'deputyId'}`;
export const resolveRequestField = fieldResolver<Field>(
  ['kind', 'question', 'options', 'recommendedOptionId', 'recommendation', 'context', 'unknowns', 'neededBy', 'approvers', 'quorum', 'onExpiry', 'defaultOptionId'],
  {},
  [/^options\.\d+\.(id|label|consequence)$/, /^approvers\.\d+\.(accountId|deputyId)$/],
);
/** unknowns.3 -> the one text box */
export const resolveRequestKey = (key: string) => (/^unknowns\.\d+$/.test(key.replace(/^body\./, '')) ? 'unknowns' : resolveRequestField(key));

