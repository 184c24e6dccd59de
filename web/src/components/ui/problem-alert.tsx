import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';

interface Props {
  error: unknown;
  /** messages a form could not put on a field */
  messages?: string[];
  /** hide 400 field errors (the form shows them on fields) */
  fieldErrorsShown?: boolean;
  /** a rule about a playbook step (`step` = step id): the step's title to show */
  stepTitle?: (stepId: string) => string | undefined;
  /** makes a step named by a rule a link that brings the step into view */
  onStepClick?: (stepId: string) => void;
  /** makes any other rule a link (for example to the field that satisfies it), when it returns an action */
  ruleAction?: (code: string) => (() => void) | undefined;
}

/**
 * Form-level view of a failed request: 409 rules as a translated list (server text as fallback),
 * leftover 400 messages, or a plain message for anything else.
 */
export function ProblemAlert({ error, messages = [], fieldErrorsShown = true, stepTitle, onStepClick, ruleAction }: Props) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (!isApiError(error)) {
    return (
      <Alert color="red" title={t('errors.generic')} role="alert">
        {error instanceof Error ? error.message : typeof error === 'string' ? error : null}
      </Alert>
    );
  }
  if (error.status === 412) return null; // handled by a notification + reload
  if (error.status === 409 && error.rules.length > 0) {
    return (
      <Alert color="orange" title={t('errors.rulesTitle')} role="alert">
        <List size="sm" spacing={4}>
          {error.rules.map((r) => {
            const step = r.step ? (stepTitle?.(r.step) ?? r.step) : '';
            const text = i18n.exists(`rule.${r.code}`) ? t(`rule.${r.code}`, { step }) : r.message || r.code;
            const action = r.step ? (onStepClick ? () => onStepClick(r.step!) : undefined) : ruleAction?.(r.code);
            return (
              <List.Item key={r.code + r.message + (r.step ?? '')} data-rule={r.code}>
                {action ? (
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={action}>
                    {text}
                  </Anchor>
                ) : (
                  text
                )}
              </List.Item>
            );
          })}
        </List>
      </Alert>
    );
  }
  if (error.status === 400) {
    const rest = fieldErrorsShown ? messages : [...messages, ...Object.values(error.errors).flat()];
    return (
      <Alert color="red" title={t('errors.formTitle')} role="alert">
        {rest.length > 0 ? (
          <List size="sm" spacing={4}>
            {rest.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t('errors.checkFields')}</Text>
        )}
      </Alert>
    );
  }
  const key =
    error.status === 0 ? 'errors.network' : error.status === 403 ? 'errors.forbidden' : error.status === 404 ? 'errors.notFound' : 'errors.generic';
  return (
    <Alert color="red" title={t(key)} role="alert">
      {error.detail ?? error.title}
    </Alert>
  );
}
