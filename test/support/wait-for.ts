/**
 * Polls `probe` until it answers something other than undefined, and resolves with that. The
 * bound only turns a hang into a failure that names what never came; it is not a speed figure.
 * `explain`, when given, says in the failure what was there instead (a job's state, say), so a
 * rare failure in CI can be read from its log.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  explain?: () => Promise<string>,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}${explain ? `: ${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What `work` settles to, or a failure naming `what` once `ms` have passed without an outcome:
 * a test of something that used to hang (a request waiting for ever) fails instead of hanging.
 */
export async function settlesWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}
