import type { AboutView } from '@ejustice/platform/contract/about-contract';
import { type RunningApi, http, startApiServer } from '@ejustice/testing';

// The route is public: these tests sign no one in, so the two apps below (one after the other)
// do not trip over passport's process-wide strategies.
describe('GET /api/about (e2e)', () => {
  describe('a court that names where its source is', () => {
    let api: RunningApi;

    beforeAll(async () => {
      api = await startApiServer({ env: { SOURCE_CODE_URL: 'https://git.court.example/ejustice' } });
    });

    afterAll(async () => {
      await api.close();
    });

    it('tells anyone, without signing in, the licence and where the source is', async () => {
      const res = await http<AboutView>(api.baseUrl, 'GET', '/api/about');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ license: 'AGPL-3.0-or-later', sourceCodeUrl: 'https://git.court.example/ejustice' });
    });

    it('is in the OpenAPI document', async () => {
      const res = await http(api.baseUrl, 'GET', '/docs/openapi.json');
      expect(Object.keys(res.body.paths)).toContain('/api/about');
    });
  });

  describe('a court that names none', () => {
    let api: RunningApi;

    beforeAll(async () => {
      api = await startApiServer();
    });

    afterAll(async () => {
      await api.close();
    });

    it('answers a null source address, so the footer offers no link', async () => {
      const res = await http<AboutView>(api.baseUrl, 'GET', '/api/about');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ license: 'AGPL-3.0-or-later', sourceCodeUrl: null });
    });
  });
});
