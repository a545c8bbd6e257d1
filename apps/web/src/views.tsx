// Which component shows each view of the router. A view gets the route it was opened with.
import type { FunctionComponent } from 'preact';
import { AuditPage } from './pages/admin/audit-page';
import { DeliveriesPage } from './pages/admin/deliveries-page';
import { FocalPointsPage } from './pages/admin/focal-points-page';
import { UsersPage } from './pages/admin/users-page';
import { BulkActsPage } from './pages/editor/bulk-acts-page';
import { ImportPage } from './pages/editor/import-page';
import { InvitePage } from './pages/editor/invite-page';
import { TreatyEditorPage } from './pages/editor/treaty-editor';
import { NotFound } from './pages/not-found';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { TreatyPage } from './pages/treaty/treaty-page';
import { Treaties } from './pages/treaties';
import type { Route } from './router';

export type View = FunctionComponent<{ route: Route }>;

export const VIEWS: Record<Route['name'], View> = {
  treaties: Treaties,
  'new-treaty': TreatyEditorPage,
  treaty: TreatyPage,
  'edit-treaty': TreatyEditorPage,
  invite: InvitePage,
  'bulk-acts': BulkActsPage,
  import: ImportPage,
  audit: AuditPage,
  deliveries: DeliveriesPage,
  users: UsersPage,
  'focal-points': FocalPointsPage,
  notifications: NotificationsPage,
  missing: NotFound,
};
