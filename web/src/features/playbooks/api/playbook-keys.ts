export interface PlaybookQuery {
  /** a content hash from the playbook's history; the current version when absent */
  version?: string;
  /** R22: only obligations and required steps */
  basicOnly?: boolean;
}

export const playbookKeys = {
  all: ['playbooks'] as const,
  list: () => [...playbookKeys.all, 'list'] as const,
  detail: (id: string, q: PlaybookQuery) => [...playbookKeys.all, 'detail', id, q] as const,
};
