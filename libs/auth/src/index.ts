export * from './auth.module';
export * from './auth.service';
export * from './password';
export * from './users.service';
export * from './sign-in-limit';
export * from './actor-cache';
