import { notifications } from '@mantine/notifications';

type Tone = 'done' | 'warning' | 'failed';

const COLOR: Record<Tone, string> = { done: 'green', warning: 'orange', failed: 'red' };

/**
 * A short notice at the top of the page ("保存しました", "this changed meanwhile"). One notice per tone at a time:
 * saving five times shows the latest message once instead of a growing stack of "saved".
 */
export function notify(message: string, tone: Tone = 'done', title?: string) {
  const id = `notice-${tone}`;
  const notice = { id, color: COLOR[tone], message, title };
  notifications.show(notice); // ignored while one with this id is on screen …
  notifications.update(notice); // … which then shows the latest message instead
}
