import type { admin as english } from '../en/admin';
import type { Translation } from '../messages';

export const admin: Translation<typeof english> = {};
