import { common } from './common';
import { treaties } from './treaties';
import { treaty } from './treaty';
import { admin } from './admin';
import { editor } from './editor';
import { notifications } from './notifications';

export const fr = { ...common, ...treaties, ...treaty, ...admin, ...editor, ...notifications };
