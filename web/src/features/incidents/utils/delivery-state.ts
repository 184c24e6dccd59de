import type { DeliveryView } from '@/types';

/**
 * What became of a message, for people: a mail written to the pickup folder (no SMTP server configured) has reached
 * nobody yet, so it reads "written to file", not "sent".
 */
export const deliveryState = (d: Pick<DeliveryView, 'status' | 'transport'>) =>
  d.status === 'sent' && d.transport === 'pickup_folder' ? 'written' : d.status;
