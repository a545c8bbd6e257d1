import type { Instrument, ParticipantStatus } from '@depositary/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Country } from './country.entity';

/** One country's participation in one treaty: the projection of its events, with a version for If-Match. */
@Entity('participants')
@Unique(['treatyId', 'countryCode'])
export class Participant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'treaty_id', type: 'int' })
  treatyId!: number;

  @Column({ name: 'country_code', type: 'char', length: 3 })
  countryCode!: string;

  @ManyToOne(() => Country, { eager: false })
  @JoinColumn({ name: 'country_code' })
  country?: Country;

  @Column({ type: 'text' })
  status!: ParticipantStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'invited_on', type: 'date' })
  invitedOn!: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ name: 'deposited_on', type: 'date', nullable: true })
  depositedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  instrument!: Instrument | null;

  @Column({ name: 'member_since', type: 'date', nullable: true })
  memberSince!: string | null;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ name: 'event_count', type: 'int', default: 0 })
  eventCount!: number;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
