import type { Delay, EntryIntoForceRule, TreatyStatus } from '@depositary/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReminderPolicy, TreatyNotificationSettings } from '@depositary/contracts';

export type { ReminderPolicy, TreatyNotificationSettings } from '@depositary/contracts';

export type { TreatyStatus } from '@depositary/domain';

@Entity('treaties')
export class Treaty {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The title in French and Arabic. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  titles!: { fr?: string; ar?: string };

  @Column({ type: 'text', nullable: true })
  depositary!: string | null;

  @Column({ name: 'opened_for_signature_on', type: 'date' })
  openedForSignatureOn!: string;

  @Column({ name: 'entry_into_force', type: 'jsonb' })
  entryIntoForce!: EntryIntoForceRule;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  reminders!: ReminderPolicy[];

  /** Whether the treaty allows reservations (the Rome Statute, art. 120, prohibits them). */
  @Column({ type: 'text', default: 'permitted' })
  reservations!: 'permitted' | 'prohibited';

  /** Whether anyone may read the treaty's status and chart under /public, without signing in. */
  @Column({ type: 'boolean', default: false })
  public!: boolean;

  /** How long after its notification a withdrawal takes effect, at the earliest. */
  @Column({ type: 'jsonb', default: () => `'{"months": 12}'` })
  withdrawal!: Delay;

  /** How its depositary notifications are handled: `autoIssue` issues each draft at once. */
  @Column({ type: 'jsonb', default: () => `'{"autoIssue": false}'` })
  notifications!: TreatyNotificationSettings;

  @Column({ type: 'text', default: 'open' })
  status!: TreatyStatus;

  @Column({ name: 'threshold_met_on', type: 'date', nullable: true })
  thresholdMetOn!: string | null;

  @Column({ name: 'entry_into_force_on', type: 'date', nullable: true })
  entryIntoForceOn!: string | null;

  /** The deposit that met the threshold, as the last evaluation found it. */
  @Column({ type: 'jsonb', nullable: true })
  decisive!: { country: string; countryName: string; instrument: string; depositedOn: string; ordinal: number } | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
