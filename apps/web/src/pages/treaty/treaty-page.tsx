import type { View } from '../../views';
import { NotFound } from '../not-found';

/** Not built yet. */
export const TreatyPage: View = () => <NotFound />;
