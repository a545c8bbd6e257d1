/**
 * Compile-time proof that each response schema of libs/contracts (what the OpenAPI document says a route answers)
 * describes exactly the view type the service returns: `tsc` fails here when either side changes alone.
 */
import type {
  EventView,
  ImportResult,
  ParticipantView,
  PublicTreaty,
  PublicTreatySummary,
  TreatyStatusView,
  TreatyView,
  FocalPointView,
} from '@depositary/accession';
import type { StatementView } from '@depositary/accession';
import type { CheckpointView, ConfigurationEventView, Verification } from '@depositary/audit';
import type { AccountView, TokenResponse, UserView } from '@depositary/auth';
import type * as views from '@depositary/contracts';
import type { DeliveryView } from '@depositary/notifications';
import type { z } from 'zod';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<View, Schema extends z.ZodType> = Exactly<View, z.infer<Schema>>;
type Assert<T extends true> = T;

export type ResponseSchemasMatchTheViews = [
  Assert<Same<TokenResponse, typeof views.tokenViewSchema>>,
  Assert<Same<UserView, typeof views.userViewSchema>>,
  Assert<Same<AccountView, typeof views.accountViewSchema>>,
  Assert<Same<FocalPointView, typeof views.focalPointViewSchema>>,
  Assert<Same<TreatyView, typeof views.treatyViewSchema>>,
  Assert<Same<TreatyStatusView, typeof views.treatyStatusViewSchema>>,
  Assert<Same<ImportResult, typeof views.importResultSchema>>,
  Assert<Same<PublicTreatySummary, typeof views.publicTreatySummarySchema>>,
  Assert<Same<PublicTreaty, typeof views.publicTreatySchema>>,
  Assert<Same<ParticipantView, typeof views.participantViewSchema>>,
  Assert<Same<EventView, typeof views.eventViewSchema>>,
  Assert<Same<StatementView, typeof views.statementViewSchema>>,
  Assert<Same<ConfigurationEventView, typeof views.configurationEventViewSchema>>,
  Assert<Same<Verification, typeof views.verificationSchema>>,
  Assert<Same<CheckpointView, typeof views.checkpointViewSchema>>,
  Assert<Same<DeliveryView, typeof views.deliveryViewSchema>>,
];
