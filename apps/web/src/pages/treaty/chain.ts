// A country's hash chain re-hashed in the browser (SubtleCrypto over the domain's chainedEventJson), and the
// service's verification of every chain, kept for a minute.
import { useEffect, useState } from 'preact/hooks';
import { GENESIS_HASH, chainedEventJson } from '@depositary/domain';
import type { EventView } from '@depositary/contracts';
import { api } from '../../api';
import { instantText } from '../../i18n';
import type { Verification } from '@depositary/contracts';

export interface ChainCheck {
  /** Whether each event (by seq) follows from its content and the one before; null while checking or unsupported. */
  links: Map<number, boolean> | null;
  broken: EventView | null;
  supported: boolean;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function checkChain(events: EventView[]): Promise<ChainCheck> {
  if (!globalThis.crypto?.subtle) return { links: null, broken: null, supported: false };
  const links = new Map<number, boolean>();
  let previous = GENESIS_HASH;
  let broken: EventView | null = null;
  for (const [index, event] of events.entries()) {
    // The details an act carries are strings (ActDetails), as the chain hashes them.
    const details = event.details as Record<string, string> | null;
    const expected = await sha256Hex(previous + chainedEventJson({ ...event, details }));
    const ok = event.seq === index + 1 && event.prevHash === previous && event.hash === expected;
    links.set(event.seq, ok);
    if (!ok && !broken) broken = event;
    previous = event.hash;
  }
  return { links, broken, supported: true };
}

export function useChain(events: EventView[] | null): ChainCheck | null {
  const [check, setCheck] = useState<ChainCheck | null>(null);
  useEffect(() => {
    let live = true;
    setCheck(null);
    if (events) void checkChain(events).then((result) => live && setCheck(result));
    return () => {
      live = false;
    };
  }, [events]);
  return check;
}

export type { Verification };

let verified: { result: Verification; time: number; at: string } | null = null;

/** The service's re-hash of the whole trail, re-used for a minute: worth doing once per look, not per drawer. */
export async function chainVerification(): Promise<{ result: Verification; at: string }> {
  if (!verified || Date.now() - verified.time > 60_000) {
    const result = await api<Verification>('/api/audit/verify');
    verified = { result, time: Date.now(), at: instantText(new Date()) };
  }
  return verified;
}

/** Recording an act makes the kept verification out of date. */
export function forgetVerification(): void {
  verified = null;
}
