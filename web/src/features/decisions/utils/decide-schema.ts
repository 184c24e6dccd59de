import { z } from 'zod';
import { fieldResolver } from '@/lib/form-errors';

/**
 * The decide form's rules: an option and a rationale always; the option the kind's guidance guards (the ransom's
 * "pay") only once the guidance is acknowledged and with the emergency that justifies it written down.
 */
export function decideSchema(guarded: string | null | undefined, supersede: boolean) {
  return z
    .object({
      optionId: z.string().min(1, 'decisions.validation.optionRequired'),
      conditions: z.string().trim().max(2000, 'validation.max2000'),
      rationale: z.string().trim().min(1, 'decisions.validation.rationaleRequired').max(4000, 'validation.max4000'),
      guidanceAcknowledged: z.boolean(),
      emergency: z.string().trim().max(2000, 'validation.max2000'),
      reason: supersede ? z.string().trim().min(1, 'validation.reasonRequired').max(2000, 'validation.max2000') : z.string(),
    })
    .superRefine((v, ctx) => {
      if (!guarded || v.optionId !== guarded) return;
      if (!v.guidanceAcknowledged)
        ctx.addIssue({ code: 'custom', path: ['guidanceAcknowledged'], message: 'decisions.validation.acknowledgeGuidance' });
      if (!v.emergency) ctx.addIssue({ code: 'custom', path: ['emergency'], message: 'decisions.validation.emergencyRequired' });
    });
}

export type DecideValues = z.input<ReturnType<typeof decideSchema>>;
type Field = keyof DecideValues;
export const resolveDecideField = fieldResolver<Field>(['optionId', 'conditions', 'rationale', 'guidanceAcknowledged', 'emergency', 'reason']);

