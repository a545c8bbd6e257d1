// The audit trail, deliveries and the reminder sweep, focal points, users.
export const admin = {};
