import { acceptDecision, step, type DocumentMark } from './review-decisions';

const mark = (decision: DocumentMark['decision'], reasonCode = '', note = ''): DocumentMark => ({ decision, reasonCode, note });

describe('acceptDecision', () => {
  it('sends one decision per document, with the reasons and notes of rejections', () => {
    const result = acceptDecision(['lead', 'exhibit'], { lead: mark('accept'), exhibit: mark('reject', 'illegible', ' page 2 is blank ') });

    expect(result).toEqual({
      ok: true,
      decision: {
        action: 'accept',
        documents: [
          { documentId: 'lead', decision: 'accept' },
          { documentId: 'exhibit', decision: 'reject', reasonCode: 'illegible', note: 'page 2 is blank' },
        ],
      },
    });
  });

  it('points at the first document without a decision', () => {
    expect(acceptDecision(['a', 'b'], { a: mark('accept') })).toEqual({ ok: false, messageKey: 'clerk.review.undecided', documentId: 'b' });
  });

  it('asks for a reason for every rejected document', () => {
    expect(acceptDecision(['a', 'b'], { a: mark('accept'), b: mark('reject') })).toEqual({
      ok: false,
      messageKey: 'clerk.review.reasonRequired',
      documentId: 'b',
    });
  });

  it('refuses to accept attachments of a rejected lead document', () => {
    expect(acceptDecision(['lead', 'b'], { lead: mark('reject', 'illegible'), b: mark('accept') })).toMatchObject({
      ok: false,
      messageKey: 'errors.filing.lead_rejected',
      documentId: 'lead',
    });
  });
});

describe('step', () => {
  it('stays within the documents', () => {
    expect(step(0, -1, 3)).toBe(0);
    expect(step(2, 1, 3)).toBe(2);
    expect(step(1, 1, 3)).toBe(2);
    expect(step(0, 1, 0)).toBe(0);
  });
});
