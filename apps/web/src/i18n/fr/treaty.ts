import type { treaty as english } from '../en/treaty';
import type { Translation } from '../messages';

export const treaty: Translation<typeof english> = {};
