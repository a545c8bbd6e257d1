import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const emailList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email('each address must be an e-mail address')));

/** An Ed25519 private key as PEM, or as base64 PKCS#8 DER; answered as PEM. */
const ed25519PrivateKey = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  try {
    const text = value.replace(/\\n/g, '\n');
    const key = text.includes('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType ?? 'secret'} key`);
    return key.export({ format: 'pem', type: 'pkcs8' }).toString();
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `must be an Ed25519 private key, PEM or base64 PKCS#8 (openssl genpkey -algorithm ed25519): ${error instanceof Error ? error.message : String(error)}`,
    });
    return z.NEVER;
  }
});

/** Secrets and passwords printed in this repository (examples, the demo, the tests): never good enough for production. */
const PUBLISHED_VALUES = [
  'change-me-to-a-long-random-secret',
  'change-me-now',
  'development-only-secret-change-me',
  'depositary-demo',
  'a-test-secret-that-is-long-enough',
];
const isPublished = (value: string | undefined): boolean =>
  value !== undefined && (PUBLISHED_VALUES.includes(value) || /change[-_ ]?me/i.test(value));

/** Every variable the service reads, validated once at boot. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    DATABASE_MIGRATION_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional()),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(4000),
    WORKER_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
    DATABASE_BOOT_RETRY_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _, -, and {} for a Redis Cluster hash tag')
      .default('depositary'),
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
    MAIL_FROM: z.string().default('depositary@localhost'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    JWT_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(86400 * 30)
      .default(3600),
    ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
    ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
    DEPOSITARY_EMAILS: emailList,
    API_RATE_LIMIT: optionalText
      .transform((value) => (value === undefined ? undefined : Number(value)))
      .pipe(z.int('must be a whole number').min(1).optional()),
    PUBLIC_RATE_LIMIT: z.coerce.number().int('must be a whole number').min(1).default(120),
    REMINDER_SWEEP_CRON: z
      .string()
      .regex(/^(\S+\s+){4}\S+$/, 'must be a cron pattern of five fields, like "0 6 * * *"')
      .default('0 6 * * *'),
    REMINDER_SWEEP_TZ: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone, like "UTC" or "Asia/Riyadh"')
      .default('UTC'),
    SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    DELIVERIES_HELD: z
      .enum(['true', 'false', ''])
      .default('false')
      .transform((value) => value === 'true'),
    RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86400).default(300),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3650)
      .default(24),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    AUDIT_SIGNING_KEY: ed25519PrivateKey,
    AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== undefined, {
    path: ['JWT_SECRET'],
    message: 'is required in production',
  })
  .refine((env) => env.NODE_ENV !== 'production' || !isPublished(env.JWT_SECRET), {
    path: ['JWT_SECRET'],
    message: 'is a published example value; production needs a secret of its own (e.g. openssl rand -hex 32)',
  })
  .refine((env) => env.NODE_ENV !== 'production' || !isPublished(env.ADMIN_PASSWORD), {
    path: ['ADMIN_PASSWORD'],
    message: 'is a published example value; production needs a password of its own',
  })
  .refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
    path: ['ADMIN_PASSWORD'],
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
  });

export type Environment = z.infer<typeof environmentSchema>;

export interface AppConfig {
  env: Environment['NODE_ENV'];
  /** The service's connection: a role that may only SELECT and INSERT the append-only tables. */
  databaseUrl: string;
  /** The owner of the tables, which applies the migrations (DATABASE_MIGRATION_URL, else DATABASE_URL). */
  databaseMigrationUrl: string;
  databasePoolSize: number;
  /**
   * How long one statement may run before it fails (PostgreSQL's statement_timeout, and the same limit on the
   * client so that a frozen server cannot hold a request): the API's and the worker's.
   */
  statementTimeoutMs: { api: number; worker: number };
  /** How long a request waits for a pooled connection (or a new one) before it fails with 503. */
  connectTimeoutMs: number;
  /** How long a process retries connecting to PostgreSQL at boot before it gives up. */
  databaseBootRetrySeconds: number;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string | undefined;
  /** How long a silent SMTP server is waited for before the attempt counts as failed (and is retried). */
  smtpTimeoutMs: number;
  mailFrom: string;
  port: number;
  host: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  admin: { email: string; password: string } | undefined;
  depositaryEmails: string[];
  apiRateLimit: number | undefined;
  /** Requests per client address per minute on the public reads (/public). */
  publicRateLimit: number;
  login: { maxFailures: number; windowSeconds: number };
  reminderSweep: { cron: string; timeZone: string };
  /** Signs audit checkpoints (PEM); without it no checkpoint is taken. */
  auditSigningKey: string | undefined;
  /** How often the worker takes a signed checkpoint of the audit chains. */
  auditCheckpointMinutes: number;
  /** How long one worker holds a delivery it is sending before another may take it over. */
  deliveryLeaseSeconds: number;
  /** Start with deliveries held: this worker records a hold in PostgreSQL and no worker sends until it is released. */
  deliveriesHeld: boolean;
  /** How often each worker reconciles the work that lives in Redis against PostgreSQL. */
  reconcileIntervalSeconds: number;
  /** `json`: one JSON object per line (production, files, log collectors); `pretty`: coloured text for a terminal. */
  logFormat: 'json' | 'pretty';
  /** The worker's HTTP port for /health and /metrics (0: any free port). */
  workerPort: number;
  /** What the worker's hourly retention job deletes: relayed outbox rows and idempotency keys older than these. */
  retention: { outboxDays: number; idempotencyKeyHours: number };
}

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value stops the process with a message naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    statementTimeoutMs: { api: env.DATABASE_STATEMENT_TIMEOUT_MS, worker: env.WORKER_STATEMENT_TIMEOUT_MS },
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    databaseBootRetrySeconds: env.DATABASE_BOOT_RETRY_SECONDS,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    smtpUrl: env.SMTP_URL,
    smtpTimeoutMs: env.SMTP_TIMEOUT_MS,
    mailFrom: env.MAIL_FROM,
    port: env.PORT,
    host: env.HOST,
    // Outside production the launcher generates a secret per data directory; a fixed fallback keeps tests simple.
    jwtSecret: env.JWT_SECRET ?? 'development-only-secret-change-me',
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD } : undefined,
    depositaryEmails: env.DEPOSITARY_EMAILS,
    apiRateLimit: env.API_RATE_LIMIT,
    publicRateLimit: env.PUBLIC_RATE_LIMIT,
    login: { maxFailures: env.LOGIN_MAX_FAILURES, windowSeconds: env.LOGIN_WINDOW_SECONDS },
    reminderSweep: { cron: env.REMINDER_SWEEP_CRON, timeZone: env.REMINDER_SWEEP_TZ },
    deliveryLeaseSeconds: env.DELIVERY_LEASE_SECONDS,
    deliveriesHeld: env.DELIVERIES_HELD,
    reconcileIntervalSeconds: env.RECONCILE_INTERVAL_SECONDS,
    auditSigningKey: env.AUDIT_SIGNING_KEY,
    auditCheckpointMinutes: env.AUDIT_CHECKPOINT_MINUTES,
    logFormat: env.LOG_FORMAT,
    workerPort: env.WORKER_PORT,
    retention: { outboxDays: env.OUTBOX_RETENTION_DAYS, idempotencyKeyHours: env.IDEMPOTENCY_KEY_TTL_HOURS },
  };
}
