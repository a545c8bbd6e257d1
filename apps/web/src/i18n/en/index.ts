import { common } from './common';
import { treaties } from './treaties';

export const en = { ...common, ...treaties };
