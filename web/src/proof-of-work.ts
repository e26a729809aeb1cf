// The proof of work the public report and advice forms send instead of a CAPTCHA: a challenge
// from the server, and a solution such that SHA-256(challenge || solution) starts with
// `difficulty` zero bits. It is worked out with WebCrypto while the reporter types, in batches
// that give the browser back its turn, so the page stays responsive.
import { ApiError } from './api';
import { fetchPowChallenge } from './endpoints';
import type { PowAnswer, PowChallenge } from './types';

const BATCH = 256;

/** How many zero bits a digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The first counter (as decimal text) that solves the challenge. */
export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => String(start + i));
    const digests = await Promise.all(
      candidates.map((candidate) => crypto.subtle.digest('SHA-256', encoder.encode(challenge + candidate))),
    );
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= difficulty);
    if (found >= 0) return candidates[found] as string;
    // Lets the browser draw and handle input between batches.
    await new Promise((resolve) => window.setTimeout(resolve, 0));
  }
}

async function work(): Promise<PowAnswer | undefined> {
  const issued: PowChallenge = await fetchPowChallenge();
  if (!issued.required) return undefined;
  return { challenge: issued.challenge, solution: await solveChallenge(issued.challenge, issued.difficulty) };
}

/** True when the server refused the proof of work itself (expired, used, unreadable). */
export function isPowRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 400 || error.status === 403) && /pow-/.test(error.type);
}

/** Starts solving at once; `answer()` waits for it, `renew()` starts over with a new challenge. */
export class ProofOfWork {
  private pending: Promise<PowAnswer | undefined>;
  private failed = false;

  constructor() {
    this.pending = this.begin();
  }

  private begin(): Promise<PowAnswer | undefined> {
    this.failed = false;
    const pending = work();
    pending.catch(() => {
      this.failed = true; // The server could not be reached: asked again on the next send.
    });
    return pending;
  }

  answer(): Promise<PowAnswer | undefined> {
    if (this.failed) this.pending = this.begin();
    return this.pending;
  }

  renew(): void {
    this.pending = this.begin();
  }
}
