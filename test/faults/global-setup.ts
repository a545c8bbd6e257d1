import { execSync } from 'node:child_process';
import { join } from 'node:path';

/** The fault suite runs the built apps as processes against its own PostgreSQL and Redis: build, nothing else. */
export default function globalSetup(): void {
  execSync('npm run build --silent', { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
}
