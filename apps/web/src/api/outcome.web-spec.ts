import { outcomeOf } from './outcome';

describe('a form request’s one outcome', () => {
  it('is what the answer came to, or the error met, and never a throw', async () => {
    expect(await outcomeOf(Promise.resolve(3), (n) => ({ kind: 'done', n }))).toEqual({ kind: 'done', n: 3 });
    const refusal = new Error('409');
    expect(await outcomeOf(Promise.reject(refusal), () => ({ kind: 'done' }))).toEqual({ kind: 'failed', error: refusal });
  });
});
