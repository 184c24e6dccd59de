import { Alert, Badge, type BadgeProps, Text } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The drill colour: every page, card and badge about a drill incident uses it, so a drill is never read as real. */
export const DRILL_COLOR = 'grape';

interface BannerProps {
  /** what the page is about: the incident itself, or one of its decision requests */
  about?: 'incident' | 'decision' | 'run';
}

/**
 * The banner on every page about a drill incident (issue 11 §2): prominent, in the drill colour, bilingual label
 * 訓練 / DRILL and a sentence in the reader's language saying it is a drill and that nothing leaves the drill.
 */
export function DrillBanner({ about = 'incident' }: BannerProps) {
  const { t } = useTranslation();
  return (
    <Alert
      role="alert"
      variant="filled"
      color={DRILL_COLOR}
      radius="md"
      icon={<IconSchool size={28} aria-hidden />}
      title={
        <Text component="span" fw={800} size="lg">
          {t(about === 'run' ? 'drill.runBannerTitle' : 'drill.bannerTitle')}
        </Text>
      }
      data-testid="drill-banner"
      styles={{ root: { borderLeft: '8px solid var(--mantine-color-grape-9)' } }}
    >
      <Text size="sm">{t(about === 'decision' ? 'drill.decisionBannerText' : about === 'run' ? 'drill.runBannerText' : 'drill.bannerText')}</Text>
    </Alert>
  );
}

/** A small 訓練 / DRILL badge, for cards and lists. */
export function DrillBadge(props: Omit<BadgeProps, 'children' | 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge color={DRILL_COLOR} variant="filled" radius="sm" tt="none" data-testid="drill-badge" {...props}>
      {t('drill.label')}
    </Badge>
  );
}
