import { TreatyNoticeKind, ordinal } from '@depositary/domain';

/** What a treaty-level event records, and what its notice to depositary staff says. */
export interface TreatyEventDetails {
  treaty: { slug: string; title: string };
  metOn?: string | null;
  entryIntoForceOn?: string | null;
  decisive?: { country: string; countryName: string; instrument: string; depositedOn: string; ordinal: number } | null;
  /** For a legal review: what the record now gives, against what stands. */
  computed?: { met: boolean; metOn: string | null; entryIntoForceOn: string | null };
}

/** The notices of a treaty's standing (libs/domain decides which are due). */
export type TreatyEventKind = TreatyNoticeKind;

const instrumentOf = (instrument: string): string => `instrument of ${instrument}`;

/** The e-mail to depositary staff for a treaty-level event. Dates are ISO (YYYY-MM-DD) so they cannot be misread. */
export function staffNotice(kind: TreatyEventKind, details: TreatyEventDetails): { subject: string; text: string } {
  const { title } = details.treaty;
  const decisive = details.decisive
    ? `The ${ordinal(details.decisive.ordinal)} ${instrumentOf(details.decisive.instrument)}, deposited by ${details.decisive.countryName} (${details.decisive.country}) on ${details.decisive.depositedOn}, met the threshold.`
    : '';
  switch (kind) {
    case 'threshold_met':
      return {
        subject: `Threshold met: ${title} enters into force on ${details.entryIntoForceOn}`,
        text: [
          `The entry-into-force threshold of the ${title} was met on ${details.metOn}.`,
          decisive,
          `Computed entry-into-force date: ${details.entryIntoForceOn}.`,
          '',
          'This notice is sent once by Depositary to depositary staff.',
        ].join('\n'),
      };
    case 'entered_into_force':
      return {
        subject: `In force: ${title} entered into force on ${details.entryIntoForceOn}`,
        text: [
          `The ${title} entered into force on ${details.entryIntoForceOn}.`,
          decisive,
          `The threshold was met on ${details.metOn}.`,
          '',
          'This notice is sent once by Depositary to depositary staff.',
        ].join('\n'),
      };
    case 'threshold_undone':
      return {
        subject: `Threshold no longer met: ${title}`,
        text: [
          `A withdrawal or correction recorded for the ${title} means its entry-into-force threshold is no longer met.`,
          `The entry into force computed for ${details.entryIntoForceOn ?? 'a later date'} will not take place unless the threshold is met again.`,
        ].join('\n'),
      };
    case 'legal_review':
      return {
        subject: `For legal review: a recorded change would move the entry into force of ${title}`,
        text: [
          `The ${title} is in force since ${details.entryIntoForceOn} (threshold met on ${details.metOn}).`,
          `A change recorded since then would give: ${
            details.computed?.met
              ? `threshold met on ${details.computed.metOn}, entry into force on ${details.computed.entryIntoForceOn}`
              : 'the threshold not met'
          }.`,
          'The entry-into-force date has not been changed. Please review the record and decide.',
        ].join('\n'),
      };
  }
}
