import {
  type RunningApi,
  TEST_METRICS_TOKEN,
  closeTestDb,
  createCase,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

/**
 * The smaller holes of the security review that live at the api's edge: security headers,
 * who may read /metrics, and numbers too large for the database.
 */
describe('api hardening (e2e)', () => {
  const METRICS_TOKEN = TEST_METRICS_TOKEN;
  let api: RunningApi;
  let clerkToken: string;

  beforeAll(async () => {
    api = await startApiServer();
    const clerk = await createUser({ roles: ['clerk'] });
    clerkToken = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('sends a content security policy that forbids framing, with other security headers, on the web app and the api', async () => {
    for (const path of ['/', '/join/abc', '/api/me', '/health']) {
      const res = await fetch(`${api.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('lets the web app reach the media node it is sent to, and nothing else, in its policy', async () => {
    const csp = (await fetch(`${api.baseUrl}/`)).headers.get('content-security-policy') ?? '';
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1].split(' ') ?? [];
    const media = new URL(api.config.media.publicUrl);
    expect(connect).toEqual(expect.arrayContaining(["'self'", media.origin, `ws://${media.host}`]));
    expect(connect).not.toContain('*');
  });

  it('serves /metrics only to a scraper holding the metrics token', async () => {
    const anonymous = await http(api.baseUrl, 'GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'metrics.token_required' });
    const wrong = await http(api.baseUrl, 'GET', '/metrics', { token: `${METRICS_TOKEN.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const signedIn = await http(api.baseUrl, 'GET', '/metrics', { token: clerkToken });
    expect(signedIn.status).toBe(401);
    const scraper = await http(api.baseUrl, 'GET', '/metrics', { token: METRICS_TOKEN });
    expect(scraper.status).toBe(200);
    expect(scraper.body).toMatch(/ejustice_process_cpu_seconds_total/);
  });

  it.each([
    ['/api/filings/queue?minAgeMinutes=1e300', 'minAgeMinutes'],
    ['/api/filings/queue?minAgeMinutes=99999999999', 'minAgeMinutes'],
    ['/api/filings/queue?offset=1e20', 'offset'],
    ['/api/filings?offset=100000000000', 'offset'],
    ['/api/cases?offset=1e300', 'offset'],
    ['/api/inbox?offset=9007199254740993', 'offset'],
  ])('refuses the out-of-range number in %s with a 400 naming the field', async (path, field) => {
    const res = await http(api.baseUrl, 'GET', path, { token: clerkToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('declares a maximum for every number the api accepts, so no number reaches the database unbounded', async () => {
    const doc = (await http(api.baseUrl, 'GET', '/docs/openapi.json')).body as OpenApiDocument;
    const unbounded: string[] = [];
    const visit = (where: string, schema: Schema | undefined): void => {
      if (!schema) return;
      if (schema.$ref) return visit(where, doc.components?.schemas?.[schema.$ref.split('/').pop() as string]);
      // A number is a schema typed as one, or one whose default or minimum is a number (a DTO
      // field with an initialiser may lose its declared type on the way to the document).
      const numeric =
        schema.type === 'integer' || schema.type === 'number' || typeof schema.default === 'number' || schema.minimum !== undefined;
      if (numeric && schema.maximum === undefined) unbounded.push(where);
      for (const [name, property] of Object.entries(schema.properties ?? {})) visit(`${where}.${name}`, property);
      if (schema.items) visit(`${where}[]`, schema.items);
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const parameter of operation.parameters ?? []) visit(`${method.toUpperCase()} ${path} ${parameter.name}`, parameter.schema);
        for (const media of Object.values(operation.requestBody?.content ?? {}))
          visit(`${method.toUpperCase()} ${path} body`, media.schema);
      }
    }
    expect(unbounded).toEqual([]);
  });

  // Last: each of these starts a second api in this process, and passport keeps the strategies
  // of the api started last (a test artefact: production runs one api per process).
  it('refuses text holding the NUL character with a 400 that says so, not a database error', async () => {
    // PostgreSQL stores no NUL in text: such a value passed validation, reached the database and
    // came back a 500.
    const court = await createCourt();
    const { id: caseId } = await createCase({ courtId: court.id });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const token = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    const start = Date.now() + 3 * 86_400_000;
    const res = await http(api.baseUrl, 'POST', '/api/hearings', {
      token,
      body: {
        caseId,
        title: 'Hearing\u0000',
        hearingType: 'case_management',
        scheduledStart: new Date(start).toISOString(),
        scheduledEnd: new Date(start + 3_600_000).toISOString(),
      },
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'text_with_nul' });
    expect(res.body.detail).toMatch(/NUL character/);
    expect((await testDb().query('SELECT count(*)::int AS n FROM hearings WHERE case_id = $1', [caseId])).rows[0].n).toBe(0);
  });

  it('sends HSTS only where the platform is served over https', async () => {
    expect((await fetch(`${api.baseUrl}/health`)).headers.get('strict-transport-security')).toBeNull();
    const tls = await startApiServer({ env: { PUBLIC_URL: 'https://court.example', MEDIA_PUBLIC_URL: 'https://media.court.example' } });
    try {
      const res = await fetch(`${tls.baseUrl}/health`);
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      expect(res.headers.get('content-security-policy')).toContain('wss://media.court.example');
    } finally {
      await tls.close();
    }
  });

  it('keeps /metrics closed when no metrics token is configured', async () => {
    const closed = await startApiServer({ env: { METRICS_TOKEN: '' } });
    try {
      const res = await http(closed.baseUrl, 'GET', '/metrics', { token: METRICS_TOKEN });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'metrics.disabled' });
    } finally {
      await closed.close();
    }
  });
});

interface Schema {
  $ref?: string;
  type?: string;
  maximum?: number;
  minimum?: number;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}
