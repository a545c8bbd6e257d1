import type { notifications as english } from '../en/notifications';
import type { Translation } from '../messages';

export const notifications: Translation<typeof english> = {};
