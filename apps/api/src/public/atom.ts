import type { DepositaryNotificationView } from '@depositary/contracts';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A calendar day as an RFC 3339 instant (the start of that day, UTC), as Atom's dates are. */
const instantOf = (day: string): string => `${day}T00:00:00Z`;

/**
 * The issued depositary notifications of a treaty as an Atom 1.0 feed (RFC 4287), newest first, in English: each
 * entry's id is its number, its date the day of issue, its content the notification's text.
 */
export function notificationsFeed(
  treaty: { slug: string; title: string; depositary: string | null },
  notifications: readonly DepositaryNotificationView[],
): string {
  const newest = [...notifications].sort((a, b) => (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') || b.id - a.id);
  const updated = newest[0]?.issuedOn ? instantOf(newest[0].issuedOn) : '1970-01-01T00:00:00Z';
  const base = `/public/treaties/${encodeURIComponent(treaty.slug)}`;
  const entries = newest.map(
    (notification) => `  <entry>
    <id>urn:depositary:${escape(treaty.slug)}:${escape(notification.number ?? String(notification.id))}</id>
    <title>${escape(`${notification.number ?? ''} ${notification.subject.en}`.trim())}</title>
    <updated>${instantOf(notification.issuedOn ?? '1970-01-01')}</updated>
    <published>${instantOf(notification.issuedOn ?? '1970-01-01')}</published>
    <link rel="alternate" href="${escape(`${base}/notifications`)}"/>
    <content type="text">${escape(notification.text.en)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>urn:depositary:${escape(treaty.slug)}:notifications</id>
  <title>${escape(`${treaty.title}: depositary notifications`)}</title>
  <updated>${updated}</updated>
  <author><name>${escape(treaty.depositary ?? 'The depositary')}</name></author>
  <link rel="self" type="application/atom+xml" href="${escape(`${base}/notifications.atom`)}"/>
  <link rel="alternate" type="application/json" href="${escape(`${base}/notifications`)}"/>
${entries.join('\n')}
</feed>
`;
}
