// What an e-mail delivery is, declared once: the service, the worker's metrics and the API's filters use these.

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The notices depositary staff get: a treaty's standing (threshold met or undone, in force, legal review), a dead e-mail. */
export const STAFF_NOTICE_KINDS = [
  'notice.threshold_met',
  'notice.threshold_undone',
  'notice.entered_into_force',
  'notice.legal_review',
  'notice.delivery_dead',
] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

/** A reminder to a focal point, a depositary notification to a state, or a notice to depositary staff. */
export const DELIVERY_KINDS = ['reminder', 'depositary_notification', ...STAFF_NOTICE_KINDS] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export const isStaffNotice = (kind: DeliveryKind): kind is StaffNoticeKind => (STAFF_NOTICE_KINDS as readonly string[]).includes(kind);
