import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningApi, TEST_METRICS_TOKEN, http, startApiServer } from '@ejustice/testing';

describe('operations endpoints (e2e)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiServer();
  });

  afterAll(async () => {
    await api.close();
  });

  it('reports PostgreSQL and Redis healthy on /health', async () => {
    const res = await http(api.baseUrl, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await http(api.baseUrl, 'GET', '/health');
    const res = await http(api.baseUrl, 'GET', '/metrics', { token: TEST_METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/ejustice_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/);
    expect(res.body).toMatch(/ejustice_process_cpu_seconds_total/);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await http(api.baseUrl, 'GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/cases/{id}', '/api/hearing-links/exchange']),
    );
  });

  it('gives every response a request id, and takes a well-formed one from the caller', async () => {
    const res = await http(api.baseUrl, 'GET', '/api/me', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body.requestId).toBe('trace-abc-123');
    const other = await http(api.baseUrl, 'GET', '/api/me', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with a coded problem and no stack trace', async () => {
    const res = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: '{"email": "x@y.z"',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'malformed_json', status: 400, title: 'Bad request' });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('serves the web app for client-side routes such as a hearing link', async () => {
    const index = join(api.config.web.distDir, 'index.html');
    if (!existsSync(index)) throw new Error(`${index} is missing: build the web app first (npm run build:web).`);
    const res = await fetch(`${api.baseUrl}/join/abc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(readFileSync(index, 'utf8'));
  });
});
