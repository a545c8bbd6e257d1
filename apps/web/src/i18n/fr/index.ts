import { common } from './common';
import { treaties } from './treaties';
import { treaty } from './treaty';
import { admin } from './admin';
import { editor } from './editor';
import { notifications } from './notifications';
import { publicPage } from './public';
import { rule } from './rule';

export const fr = { ...common, ...treaties, ...treaty, ...admin, ...editor, ...notifications, ...publicPage, ...rule };
