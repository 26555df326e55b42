/** A request that did not succeed, with what it met (the api's refusal, or no answer at all). */
export interface Failed {
  readonly kind: 'failed';
  readonly error: unknown;
}

/**
 * What a form's request came to, for a form that shows one outcome: `done` of its answer, or the
 * error it met. Never throws, so the form has no path where nothing is said.
 */
export async function outcomeOf<T, O>(request: Promise<T>, done: (answer: T) => O): Promise<O | Failed> {
  try {
    return done(await request);
  } catch (error) {
    return { kind: 'failed', error };
  }
}
