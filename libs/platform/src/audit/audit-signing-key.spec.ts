import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { auditKeyId } from './audit-checkpoint';
import { loadAuditSigningKey } from './audit-signing-key';

describe('loadAuditSigningKey', () => {
  let dir: string;
  const settings = (over: Partial<AppConfig['audit']> = {}): AppConfig['audit'] => ({
    chainName: 'court',
    signingKey: undefined,
    signingKeyFile: join(dir, 'keys', 'audit.pem'),
    generateSigningKey: true,
    checkpointCron: '*/10 * * * *',
    ...over,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key file on first use, readable by its owner only, and reads the same key after', async () => {
    const first = await loadAuditSigningKey(settings(), { create: true });
    expect(first?.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(statSync(settings().signingKeyFile).mode & 0o777).toBe(0o600);
    expect(first?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await loadAuditSigningKey(settings(), { create: true });
    expect(again?.keyId).toBe(first?.keyId);
  });

  it('gives every process the same key when several generate it at once', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadAuditSigningKey(settings(), { create: true })));
    expect(new Set(keys.map((k) => k?.keyId)).size).toBe(1);
  });

  it('never generates one for the verifier, nor where the configuration forbids it', async () => {
    await expect(loadAuditSigningKey(settings(), { create: false })).resolves.toBeUndefined();
    await expect(loadAuditSigningKey(settings({ generateSigningKey: false }), { create: true })).rejects.toThrow(
      /No audit signing key: AUDIT_SIGNING_KEY_FILE \(.*\) does not exist/,
    );
    expect(() => readFileSync(settings().signingKeyFile)).toThrow();
  });

  it('prefers AUDIT_SIGNING_KEY, with escaped line breaks as an environment holds them', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n');
    const sut = await loadAuditSigningKey(settings({ signingKey: pem }), { create: true });
    expect(sut?.keyId).toBe(auditKeyId(publicKey));
  });

  it('refuses a key that is not Ed25519, or not a key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(
      loadAuditSigningKey(settings({ signingKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }), { create: true }),
    ).rejects.toThrow(/AUDIT_SIGNING_KEY is a ec key; audit checkpoints are signed with Ed25519/);
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    await expect(loadAuditSigningKey(settings({ signingKeyFile: join(dir, 'junk.pem') }), { create: false })).rejects.toThrow(
      /is not a private key in PEM form/,
    );
  });
});
