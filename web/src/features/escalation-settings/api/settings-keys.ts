export const settingsKeys = {
  all: ['escalation-settings'] as const,
  chains: () => [...settingsKeys.all, 'chains'] as const,
  sla: () => [...settingsKeys.all, 'sla'] as const,
  history: () => [...settingsKeys.all, 'history'] as const,
  deliveries: (status: string) => [...settingsKeys.all, 'deliveries', status] as const,
  mail: () => [...settingsKeys.all, 'mail'] as const,
};
