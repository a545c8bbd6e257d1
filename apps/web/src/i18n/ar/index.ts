import { common } from './common';
import { treaties } from './treaties';

export const ar = { ...common, ...treaties };
