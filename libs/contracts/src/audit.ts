// The answers of the audit routes, as libs/audit builds them and the web page reads them: named from their schemas.
import type { VerificationView } from './views/operations';

/** GET /api/audit/verify: every chain re-hashed. */
export type Verification = VerificationView;

/** The first link found broken, in which chain. */
export type BrokenLink = NonNullable<VerificationView['firstBroken']>;

/** Which chain a broken link is in. */
export type ChainName = BrokenLink['chain'];
