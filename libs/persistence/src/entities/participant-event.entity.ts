import type { EventAction, ParticipantStatus, Role } from '@depositary/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The append-only audit record; a trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('events')
export class ParticipantEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ name: 'participant_id', type: 'int' })
  participantId!: number;

  @Column({ name: 'treaty_slug', type: 'text' })
  treatySlug!: string;

  @Column({ name: 'country_code', type: 'char', length: 3 })
  countryCode!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  action!: EventAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ParticipantStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: ParticipantStatus;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: Role | null;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
