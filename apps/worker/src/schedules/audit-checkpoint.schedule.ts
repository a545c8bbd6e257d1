import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditCheckpoints } from '@depositary/audit';
import { APP_CONFIG, AppConfig } from '@depositary/config';

/** How often a worker looks whether a checkpoint is due (it is taken every AUDIT_CHECKPOINT_MINUTES). */
const LOOK_EVERY_MS = 60_000;

/**
 * Signs the heads of every audit chain every AUDIT_CHECKPOINT_MINUTES, once whatever the number of workers
 * (an advisory lock, and a checkpoint taken recently by another process counts). At start when one is due.
 * Without AUDIT_SIGNING_KEY there are no checkpoints, and the worker says so at start.
 */
@Injectable()
export class AuditCheckpointSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointSchedule.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checkpoints: AuditCheckpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.checkpoints.enabled) {
      this.logger.warn(
        'AUDIT_SIGNING_KEY is not set: no signed audit checkpoints are taken, and a chain rewritten and re-hashed by someone ' +
          'with write access to the database would verify. Set it (openssl genpkey -algorithm ed25519) in production.',
      );
      return;
    }
    const look = (): void =>
      void this.checkpoints
        .takeIfDue(this.config.auditCheckpointMinutes)
        .catch((error: unknown) => this.logger.warn(`audit checkpoint: ${String(error)}`));
    look();
    this.timer = setInterval(look, LOOK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
