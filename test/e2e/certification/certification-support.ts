import { http } from '@ejustice/testing';
import { makePdf, submitFiling } from '../filing/filing-support';

type Level = 'public' | 'confidential' | 'sealed';

/** Files a motion in a case with one document per level, has the clerk accept it all, and returns the docketed documents' ids by level. */
export async function docketDocuments(
  baseUrl: string,
  filerToken: string,
  clerkToken: string,
  caseId: string,
  documents: readonly { level: Level; title: string }[],
): Promise<string[]> {
  const res = await submitFiling(
    baseUrl,
    filerToken,
    {
      filingType: 'motion',
      caseId,
      title: 'Motion',
      confidentiality: documents[0].level,
      documents: documents.map((d) => ({ title: d.title, confidentiality: d.level })),
    },
    await Promise.all(documents.map(async (d, i) => ({ name: `doc-${i}.pdf`, bytes: await makePdf({ pages: 2, text: d.title }) }))),
  );
  if (res.status !== 201) throw new Error(`filing refused: ${JSON.stringify(res.body)}`);
  await http(baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: clerkToken });
  const ids: string[] = res.body.documents.map((d: { id: string }) => d.id);
  const decided = await http(baseUrl, 'POST', `/api/filings/${res.body.filingId}/review`, {
    token: clerkToken,
    body: { action: 'accept', documents: ids.map((documentId) => ({ documentId, decision: 'accept' })) },
  });
  if (decided.status !== 200) throw new Error(`review refused: ${JSON.stringify(decided.body)}`);
  return ids;
}

/** Submits a filing and leaves it unreviewed: its document is not on the docket. */
export async function undocketedDocument(baseUrl: string, filerToken: string, caseId: string): Promise<string> {
  const res = await submitFiling(
    baseUrl,
    filerToken,
    {
      filingType: 'motion',
      caseId,
      title: 'Pending motion',
      confidentiality: 'public',
      documents: [{ title: 'Pending', confidentiality: 'public' }],
    },
    [{ name: 'pending.pdf', bytes: await makePdf() }],
  );
  if (res.status !== 201) throw new Error(`filing refused: ${JSON.stringify(res.body)}`);
  return res.body.documents[0].id;
}

/** Polls until the condition holds; fails with the last value after a generous bound (the job renders and seals). */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
