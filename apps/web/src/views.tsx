// Which component shows each view of the router. A view gets the route it was opened with.
import type { FunctionComponent } from 'preact';
import { NotFound } from './pages/not-found';
import { Treaties } from './pages/treaties';
import type { Route } from './router';

export type View = FunctionComponent<{ route: Route }>;

export const VIEWS: Record<Route['name'], View> = {
  treaties: Treaties,
  'new-treaty': NotFound,
  treaty: NotFound,
  'edit-treaty': NotFound,
  import: NotFound,
  audit: NotFound,
  deliveries: NotFound,
  users: NotFound,
  'focal-points': NotFound,
  notifications: NotFound,
  missing: NotFound,
};
