import { Logger } from '@nestjs/common';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@ejustice/platform';
import { loadConfig } from '@ejustice/platform/config/app-config';
import { DEVELOPMENT_SEAL_WARNING, verifySealedPdf } from '../seal';
import { SealIdentityProvider } from './seal-identity.provider';

function configFor(file: string, generate: boolean): AppConfig {
  return { certification: { sealP12File: file, sealP12Password: undefined, generateDevelopmentSeal: generate } } as unknown as AppConfig;
}

describe('SealIdentityProvider', () => {
  it('generates a development seal on first use outside production, keeps it (0600), warns loudly, and loads the same one next time', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seal-')), 'var', 'seal.p12');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sut = new SealIdentityProvider(configFor(file, true));
    const first = await sut.identity();
    expect(warn.mock.calls.some(([m]) => String(m).includes(DEVELOPMENT_SEAL_WARNING))).toBe(true);
    warn.mockRestore();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.password`).mode & 0o777).toBe(0o600);
    const again = await new SealIdentityProvider(configFor(file, true)).identity();
    expect(again.certificate.equals(first.certificate)).toBe(true);
    const anchors = await sut.trustAnchors();
    expect(anchors).toHaveLength(1);
    expect(readFileSync(`${file}.ca.pem`, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(verifySealedPdf(Buffer.from('%PDF-1.7'), anchors).valid).toBe(false);
  }, 60_000);

  it('refuses, without generating, where a development seal is not allowed (production)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seal-')), 'seal.p12');
    await expect(new SealIdentityProvider(configFor(file, false)).identity()).rejects.toMatchObject({
      code: 'certification.seal_not_configured',
    });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.password`)).toBe(false);
  });

  it('is not allowed in production by the configuration', () => {
    const production = loadConfig(
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-at-least-thirty-two-characters-0000',
        DATABASE_APP_URL: 'postgres://ejustice_app:secret@127.0.0.1:5432/ejustice',
      },
      { secrets: [] },
    );
    expect(production.certification.generateDevelopmentSeal).toBe(false);
    expect(loadConfig({}).certification.generateDevelopmentSeal).toBe(true);
  });
});
