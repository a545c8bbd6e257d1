import { common } from './common';
import { treaties } from './treaties';

export const fr = { ...common, ...treaties };
