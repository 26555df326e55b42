import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { auditKeyId } from './audit-checkpoint';

/** The Ed25519 key that signs checkpoints of the audit chain. */
export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** The public key in PEM form: what a court officer keeps to check a checkpoint elsewhere. */
  readonly publicKeyPem: string;
}

function fromPrivateKey(pem: string, source: string): AuditSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new Error(`${source} is not a private key in PEM form.`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${source} is a ${privateKey.asymmetricKeyType} key; audit checkpoints are signed with Ed25519.`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: auditKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The signing key from AUDIT_SIGNING_KEY, else from AUDIT_SIGNING_KEY_FILE. With `create`, a
 * missing file is generated (readable by its owner only) where the configuration allows it:
 * outside production, or in production at a path chosen explicitly, since a key generated into
 * a container's throw-away disk would leave every checkpoint it signed unverifiable.
 * Without `create` (the verifier), a missing key gives undefined.
 */
export async function loadAuditSigningKey(config: AppConfig['audit'], options: { readonly create: true }): Promise<AuditSigningKey>;
export async function loadAuditSigningKey(
  config: AppConfig['audit'],
  options: { readonly create: boolean },
): Promise<AuditSigningKey | undefined>;
export async function loadAuditSigningKey(
  config: AppConfig['audit'],
  { create }: { readonly create: boolean },
): Promise<AuditSigningKey | undefined> {
  if (config.signingKey !== undefined) return fromPrivateKey(config.signingKey.replace(/\\n/g, '\n'), 'AUDIT_SIGNING_KEY');
  const source = `AUDIT_SIGNING_KEY_FILE (${config.signingKeyFile})`;
  const existing = await readFile(config.signingKeyFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new Error(`${source} cannot be read: ${e.message}`);
  });
  if (existing !== undefined) return fromPrivateKey(existing, source);
  if (!create) return undefined;
  if (!config.generateSigningKey) {
    throw new Error(
      `No audit signing key: ${source} does not exist. In production set AUDIT_SIGNING_KEY, or AUDIT_SIGNING_KEY_FILE to a file on persistent, backed-up storage (it is generated there on first use).`,
    );
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(dirname(config.signingKeyFile), { recursive: true });
  // Written aside, then linked into place: the key file appears whole or not at all, and if
  // another process generated one at the same moment, theirs wins and both use it.
  const staged = `${config.signingKeyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(staged, pem, { flag: 'wx', mode: 0o600 });
  try {
    const linked = await link(staged, config.signingKeyFile).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return false;
        throw e;
      },
    );
    return fromPrivateKey(linked ? pem : await readFile(config.signingKeyFile, 'utf8'), source);
  } finally {
    await unlink(staged).catch(() => undefined);
  }
}
