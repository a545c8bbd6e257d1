import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@depositary/config';
import { randomUUID } from 'node:crypto';
import { AuthService } from './auth.service';
import type { SignInLimit } from './sign-in-limit';
import type { UsersService } from './users.service';

const SECRET = 'a-secret-of-the-tests-that-is-long-enough';

describe('AuthService.verify', () => {
  const jwt = new JwtService();
  const auth = new AuthService({} as UsersService, jwt, {} as SignInLimit, { jwtSecret: SECRET, jwtTtlSeconds: 60 } as AppConfig);
  const sign = (claims: object, secret = SECRET): string =>
    jwt.sign({ sub: randomUUID(), role: 'officer', ...claims }, { secret, algorithm: 'HS256', jwtid: randomUUID(), expiresIn: 60 });
  afterEach(() => jest.useRealTimers());

  it('gives the claims of a good token, and the same claims again without checking its signature twice', async () => {
    const token = sign({});
    const first = await auth.verify(token);
    expect(first).toEqual(expect.objectContaining({ role: 'officer', exp: expect.any(Number), jti: expect.any(String) }));
    const spy = jest.spyOn(jwt, 'verifyAsync');
    await expect(auth.verify(token)).resolves.toBe(first);
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a token kept from before once it has expired', async () => {
    const token = sign({});
    await auth.verify(token);
    jest.useFakeTimers({ now: Date.now() + 61_000 });
    await expect(auth.verify(token)).rejects.toThrow(/invalid or has expired/);
  });

  it('refuses a token signed with another key, and one altered from a token it knows', async () => {
    const token = sign({});
    await auth.verify(token);
    await expect(auth.verify(sign({}, 'another-secret-another-secret-another'))).rejects.toThrow(/invalid/);
    const [header, , signature] = token.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ sub: randomUUID(), role: 'admin', jti: randomUUID(), iat: 1, exp: 4e9 })).toString('base64url')}.${signature}`;
    await expect(auth.verify(altered)).rejects.toThrow(/invalid/);
  });
});
