import {
  type RunningApi,
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

/**
 * Proof R5 of the security review: hostile payloads at every endpoint the api documents,
 * generated from its OpenAPI document so that a new endpoint is covered the day it is added.
 * Every answer must be a clean 4xx problem (status, code, sentence), never a 5xx, and nothing
 * may be written to the database by any of them.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Attempt {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const LONG = 'x'.repeat(20_000);
const BAD_IDS = ['not-a-uuid', "1' OR '1'='1", LONG, '00000000-0000-0000-0000-00000000000g', '%00', '..%2F..%2Fetc%2Fpasswd'];
const HOSTILE_QUERY_VALUES = [LONG, '1e300', '-1', '9007199254740993', 'NaN', '[object Object]', '%00', '<script>alert(1)</script>'];
const HOSTILE_VALUES: unknown[] = [
  LONG,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  { nested: { deeper: { deepest: LONG } } },
  [LONG, 1, null],
  null,
  '',
  '\u0000',
  '<script>alert(1)</script>',
  { $gt: '' },
];
/** Whole bodies that are wrong in shape rather than in one field. */
const HOSTILE_BODIES: { label: string; body: string; contentType?: string }[] = [
  { label: 'truncated JSON', body: '{"a": "b"' },
  { label: 'JSON array', body: '[]' },
  { label: 'JSON null', body: 'null' },
  { label: 'JSON string', body: '"just a string"' },
  { label: 'JSON number', body: '1e999' },
  { label: 'deeply nested', body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
  { label: 'prototype pollution', body: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}' },
  { label: 'unknown fields only', body: JSON.stringify({ surprise: 1, another: 'field' }) },
  { label: 'body over the size limit', body: JSON.stringify({ blob: 'y'.repeat(1_100_000) }) },
  { label: 'form body', body: 'a=b&c=d', contentType: 'application/x-www-form-urlencoded' },
  { label: 'text body', body: 'hello', contentType: 'text/plain' },
  { label: 'invalid UTF-8 JSON', body: '{"a": "\udc00"}' },
];

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() as string]);
}

/** A body the schema accepts as far as this generator knows: the base each hostile field is put into. */
function plausible(doc: OpenApiDocument, schema: Schema | undefined): unknown {
  const s = resolve(doc, schema);
  if (!s) return {};
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : s.format === 'date-time' ? '2027-01-01T10:00:00Z' : 'text';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [plausible(doc, s.items)];
    default:
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(doc, v)]));
  }
}

/** Every hostile request for one documented operation. */
function attemptsFor(doc: OpenApiDocument, method: string, template: string, operation: Operation, ids: Record<string, string>): Attempt[] {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const goodPath = (override: Record<string, string> = {}) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(override[name] ?? ids[name] ?? ids.id));
  const attempts: Attempt[] = [];
  const upper = method.toUpperCase();

  for (const p of pathParams) {
    for (const bad of BAD_IDS)
      attempts.push({ label: `path ${p.name}=${bad.slice(0, 20)}`, method: upper, path: goodPath({ [p.name]: bad }) });
  }
  for (const p of params.filter((q) => q.in === 'query')) {
    for (const bad of HOSTILE_QUERY_VALUES) {
      attempts.push({
        label: `query ${p.name}=${bad.slice(0, 20)}`,
        method: upper,
        path: `${goodPath()}?${p.name}=${encodeURIComponent(bad)}`,
      });
    }
    attempts.push({ label: `query ${p.name} twice`, method: upper, path: `${goodPath()}?${p.name}=1&${p.name}=2` });
    attempts.push({ label: `query ${p.name}[a]=b`, method: upper, path: `${goodPath()}?${p.name}[a]=b` });
  }
  if (upper === 'GET') attempts.push({ label: 'unknown query parameter', method: upper, path: `${goodPath()}?surprise=${LONG}` });
  for (const p of params.filter((q) => q.in === 'header')) {
    attempts.push({ label: `header ${p.name} too long`, method: upper, path: goodPath(), headers: { [p.name]: 'k'.repeat(5000) } });
  }

  const content = operation.requestBody?.content ?? {};
  if (content['application/json']) {
    const schema = resolve(doc, content['application/json'].schema);
    const base = plausible(doc, schema) as Record<string, unknown>;
    for (const name of Object.keys(schema?.properties ?? {})) {
      for (const value of HOSTILE_VALUES) {
        attempts.push({
          label: `body ${name}=${JSON.stringify(value)?.slice(0, 20)}`,
          method: upper,
          path: goodPath(),
          body: JSON.stringify({ ...base, [name]: value }),
        });
      }
    }
    for (const whole of HOSTILE_BODIES) {
      attempts.push({
        label: whole.label,
        method: upper,
        path: goodPath(),
        body: whole.body,
        headers: { 'content-type': whole.contentType ?? 'application/json' },
      });
    }
  }
  if (content['multipart/form-data']) {
    attempts.push({
      label: 'JSON where a multipart form is expected',
      method: upper,
      path: goodPath(),
      body: '{"title":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    attempts.push({
      label: 'multipart without a boundary',
      method: upper,
      path: goodPath(),
      body: '--x\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{}\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data', 'idempotency-key': 'hostile-payloads-0001' },
    });
  }
  return attempts;
}

/** Every request of this test carries a request id with this prefix; the audit chain records it. */
const REQUEST_ID_PREFIX = 'hostile-r5-';

/**
 * What "nothing written" is checked against, scoped to this test's court (other suites write to
 * the same database meanwhile): the rows of every table that belongs to the court, its cases,
 * hearings and users.
 */
async function rowCounts(scope: { courtId: string; userIds: string[] }): Promise<Record<string, number>> {
  const { courtId, userIds } = scope;
  const queries: Record<string, string> = {
    users: 'SELECT count(*) FROM users WHERE court_id = $1',
    user_roles: 'SELECT count(*) FROM user_roles WHERE user_id = ANY($1::uuid[])',
    sessions: 'SELECT count(*) FROM sessions WHERE user_id = ANY($1::uuid[])',
    inbox_messages: 'SELECT count(*) FROM inbox_messages WHERE user_id = ANY($1::uuid[])',
    cases: 'SELECT count(*) FROM cases WHERE court_id = $1',
    case_number_counters: 'SELECT count(*) FROM case_number_counters WHERE court_id = $1',
    court_filing_policies: 'SELECT count(*) FROM court_filing_policies WHERE court_id = $1',
    parties: 'SELECT count(*) FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.court_id = $1',
    docket_entries: 'SELECT count(*) FROM docket_entries d JOIN cases c ON c.id = d.case_id WHERE c.court_id = $1',
    filings: 'SELECT count(*) FROM filings WHERE court_id = $1',
    hearings: 'SELECT count(*) FROM hearings WHERE court_id = $1',
    hearing_participants: 'SELECT count(*) FROM hearing_participants p JOIN hearings h ON h.id = p.hearing_id WHERE h.court_id = $1',
    hearing_links: 'SELECT count(*) FROM hearing_links l JOIN hearings h ON h.id = l.hearing_id WHERE h.court_id = $1',
    special_measure_orders: 'SELECT count(*) FROM special_measure_orders o JOIN hearings h ON h.id = o.hearing_id WHERE h.court_id = $1',
    audit_events: `SELECT count(*) FROM audit_events WHERE court_id = $1 OR actor_id = ANY($2::text[]) OR request_id LIKE '${REQUEST_ID_PREFIX}%'`,
  };
  const counts: Record<string, number> = {};
  for (const [table, sql] of Object.entries(queries)) {
    const params = sql.includes('$2') ? [courtId, userIds] : sql.includes('ANY($1') ? [userIds] : [courtId];
    const { rows } = await testDb().query<{ count: string }>(sql, params);
    counts[table] = Number(rows[0].count);
  }
  return counts;
}

describe('hostile payloads at every documented endpoint (e2e, proof R5)', () => {
  let api: RunningApi;
  let doc: OpenApiDocument;
  const tokens: Record<string, string | undefined> = {};
  const ids: Record<string, string> = {};
  const scope = { courtId: '', userIds: [] as string[] };

  beforeAll(async () => {
    api = await startApiServer();
    doc = (await http(api.baseUrl, 'GET', '/docs/openapi.json')).body as OpenApiDocument;
    const court = await createCourt();
    // The bench and the administrator get furthest past the role guards into the handlers.
    const staff = await createUser({ roles: ['judge', 'clerk', 'admin'], courtId: court.id });
    const party = await createUser({ roles: ['party'], courtId: court.id });
    const kase = await createCase({ courtId: court.id, confidentiality: 'confidential' });
    const hearing = await createHearing({ caseId: kase.id, courtId: court.id });
    tokens.staff = (await login(api.baseUrl, staff.email, staff.password)).accessToken;
    tokens.party = (await login(api.baseUrl, party.email, party.password)).accessToken;
    tokens.anonymous = undefined;
    Object.assign(scope, { courtId: court.id, userIds: [staff.id, party.id] });
    // Real ids where an endpoint's path names one, so that hostile bodies reach the handler.
    Object.assign(ids, { id: hearing.id, participantId: staff.id, orderId: kase.id, linkId: kase.id });
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('answers every one with a clean 4xx problem, never a 5xx, and writes nothing', async () => {
    const before = await rowCounts(scope);
    const failures: string[] = [];
    let sent = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const attempt of attemptsFor(doc, method, template, operation, ids)) {
          for (const [who, token] of Object.entries(tokens)) {
            const res = await fetch(`${api.baseUrl}${attempt.path}`, {
              method: attempt.method,
              headers: {
                ...(attempt.body !== undefined ? { 'content-type': 'application/json' } : {}),
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                'x-request-id': `${REQUEST_ID_PREFIX}${sent}`,
                ...attempt.headers,
              },
              body: attempt.body,
            });
            sent += 1;
            const text = await res.text();
            const where = `${attempt.method} ${template} [${attempt.label}] as ${who}: ${res.status}`;
            if (res.status < 400 || res.status >= 500) {
              failures.push(`${where} ${text.slice(0, 200)}`);
              continue;
            }
            let problem: { status?: number; code?: unknown; detail?: unknown } = {};
            try {
              problem = JSON.parse(text) as typeof problem;
            } catch {
              failures.push(`${where} answered with a body that is not a problem: ${text.slice(0, 120)}`);
              continue;
            }
            if (
              problem.status !== res.status ||
              typeof problem.code !== 'string' ||
              typeof problem.detail !== 'string' ||
              problem.detail.length < 10
            ) {
              failures.push(`${where} answered with an incomplete problem: ${text.slice(0, 200)}`);
            }
            if (/at \w+ \(|node_modules|QueryFailedError|SELECT |INSERT /.test(text))
              failures.push(`${where} leaks internals: ${text.slice(0, 200)}`);
          }
        }
      }
    }
    console.log(`hostile payloads: ${sent} requests across ${Object.keys(doc.paths).length} paths, ${failures.length} not a clean 4xx`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(50 * Object.keys(tokens).length);
    expect(await rowCounts(scope)).toEqual(before);
  }, 600_000);
});
