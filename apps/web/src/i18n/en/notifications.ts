// Depositary notifications: drafts to issue, those issued and their deliveries, a focal point's own.
export const notifications = {};
