import type { TFunction } from 'i18next';

/** IncidentDesk itself (timers, deliveries): named as it is, never 「IncidentDeskさん」. */
export const SYSTEM_NAME = 'IncidentDesk';

/**
 * A person as a timeline sentence names them. A display name that carries its department in brackets
 * (「山田 花子 (営業部)」) reads 「山田 花子さん（営業部）」 in Japanese: the honorific follows the name, not the
 * department, and the brackets are full-width; English keeps the name as it is.
 */
export function personName(t: TFunction, raw: string): string {
  const name = raw.trim();
  if (!name || name === SYSTEM_NAME) return name;
  const m = /^(.*\S)\s*[(（]([^()（）]+)[)）]$/.exec(name);
  return m ? t('person.withOrg', { name: m[1], org: m[2]?.trim() }) : t('person.name', { name });
}
