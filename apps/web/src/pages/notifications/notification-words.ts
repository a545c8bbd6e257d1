// What the notifications view reads and how it names things: the API's lists, a kind in words, a treaty's title.
import type { DepositaryNotificationView, TreatyView } from '@depositary/contracts';
import { api, seg } from '../../api';
import { countryName, treatyTitle, wordFor } from '../../i18n';

export type Notification = DepositaryNotificationView;
export type DeliveryState = keyof Notification['deliveries'];
export const DELIVERY_STATES: DeliveryState[] = ['queued', 'sent', 'failed', 'dead'];

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
}

/**
 * The notifications of `status`, of one treaty or all, every page of them (the API lists the oldest first, and a
 * depositary issues some hundreds a year): at most `MAX_PAGES` pages of `PAGE_SIZE`.
 */
export async function listNotifications(status: 'draft' | 'issued', treaty: string | null): Promise<Notification[]> {
  const items: Notification[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ status, limit: String(PAGE_SIZE) });
    if (treaty) query.set('treaty', treaty);
    if (cursor) query.set('cursor', cursor);
    const answer: NotificationPage = await api<NotificationPage>(`/api/depositary-notifications?${query.toString()}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}
const PAGE_SIZE = 500;
const MAX_PAGES = 20;

export const issueNotification = (id: number): Promise<Notification> =>
  api<Notification>(`/api/depositary-notifications/${seg(String(id))}/issue`, { method: 'POST' });

/** What a notification notifies, in words: 'Ratification', 'Entry into force'. */
export const kindWord = (kind: string): string => wordFor('notifications.kind', kind);

/** A treaty's title in the page's language by its slug, or the slug while the treaties are unknown. */
export function titleOf(treaties: TreatyView[], slug: string): string {
  const treaty = treaties.find((candidate) => candidate.slug === slug);
  return treaty ? treatyTitle(treaty) : slug;
}

/** The state a notification concerns, in the page's language, or null for a treaty event. */
export const stateOf = (notification: Notification): string | null => (notification.country ? countryName(notification.country) : null);
