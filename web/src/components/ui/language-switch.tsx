import { SegmentedControl, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '@/lib/api-client';
import { meQueryKey, meQueryOptions } from '@/lib/auth';
import { isLanguage, setLanguage, type Language } from '@/lib/i18n';
import type { LanguageRequest, MeDto, UserDto } from '@/types';
import { notify } from '@/lib/notify';

/** PUT /api/auth/me/language: the language of the e-mails the signed-in account is sent. */
const saveMyLanguage = (language: Language) =>
  apiRequest<MeDto>('/api/auth/me/language', { method: 'PUT', body: { language } satisfies LanguageRequest });

/**
 * The UI language, which is also the language of the signed-in account's e-mails:
 * - a pick here switches the screen at once, is remembered in this browser, and, when signed in, is saved to
 *   the account (PUT /api/auth/me/language) so that mail follows the screen;
 * - when a session appears in a browser where nobody picked a language yet, the screen adopts the account's
 *   language (lib/auth does that as the session loads: adoptAccountLanguage).
 * It only reads the session other components loaded (it never asks for it itself), so pages without sign-in,
 * such as the acknowledge-link landing page, stay local-only.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useQuery({ ...meQueryOptions(), enabled: false }).data ?? null;

  const save = useMutation({
    mutationFn: saveMyLanguage,
    onSuccess: (saved) =>
      qc.setQueryData<UserDto | null>(meQueryKey, (old) => (old ? { ...old, language: saved.language } : old)),
    onError: () => notify(t('lang.saveFailed'), 'failed'),
  });

  const onChange = (value: string) => {
    if (!isLanguage(value)) return;
    setLanguage(value);
    if (me && me.language !== value) save.mutate(value);
  };

  const control = (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language === 'en' ? 'en' : 'ja'}
      onChange={onChange}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
  return me ? (
    <Tooltip label={t('lang.alsoMail')} openDelay={400} withArrow>
      <div>{control}</div>
    </Tooltip>
  ) : (
    control
  );
}
