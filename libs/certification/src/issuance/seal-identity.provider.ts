import { Inject, Injectable, Logger } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { CertificationErrors } from '../domain/certification-errors';
import { DEVELOPMENT_SEAL_WARNING, type SealIdentity, generateDevelopmentSeal, loadSealIdentity } from '../seal';

const GENERATED_BY_OTHER_PROCESS_WAIT_MS = 30_000;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/**
 * The court's seal, loaded once from the PKCS#12 named in config. Outside production, with no
 * file there, a development court CA and seal are generated and kept beside it (the password in
 * `<file>.password`), and DEVELOPMENT_SEAL_WARNING is logged loudly; in production a missing seal
 * is an error (a court never issues copies with a generated seal). The api and the worker may
 * start together: the first to create the password file generates, the other waits for the file.
 */
@Injectable()
export class SealIdentityProvider {
  private readonly logger = new Logger(SealIdentityProvider.name);
  private loading: Promise<SealIdentity> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  identity(): Promise<SealIdentity> {
    this.loading ??= this.load().catch((error) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** The certificate the seal chains to (the root of its chain), which verification trusts. */
  async trustAnchors(): Promise<Buffer[]> {
    const id = await this.identity();
    const all = [id.certificate, ...id.chain];
    const roots = all.filter((der) => {
      const x = new X509Certificate(der);
      return x.subject === x.issuer;
    });
    return roots.length > 0 ? roots : [all[all.length - 1]];
  }

  private async load(): Promise<SealIdentity> {
    const { sealP12File: file, sealP12Password, generateDevelopmentSeal: mayGenerate } = this.config.certification;
    try {
      const p12 = await readFile(file);
      return loadSealIdentity(p12, sealP12Password ?? (await readFile(`${file}.password`, 'utf8')).trim());
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (!mayGenerate) throw CertificationErrors.sealUnavailable();
    }
    return this.generate(file);
  }

  private async generate(file: string): Promise<SealIdentity> {
    await mkdir(dirname(file), { recursive: true });
    const seal = generateDevelopmentSeal('E-Justice Court');
    try {
      await writeFile(`${file}.password`, seal.p12Password, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return this.waitForOther(file);
    }
    await writeFile(`${file}.tmp`, seal.p12, { mode: 0o600 });
    await chmod(`${file}.tmp`, 0o600);
    await rename(`${file}.tmp`, file);
    await writeFile(`${file}.ca.pem`, seal.caCertificatePem);
    this.logger.warn(`${'!'.repeat(20)} ${DEVELOPMENT_SEAL_WARNING} [file:${file}] ${'!'.repeat(20)}`);
    return seal.identity;
  }

  private async waitForOther(file: string): Promise<SealIdentity> {
    const until = Date.now() + GENERATED_BY_OTHER_PROCESS_WAIT_MS;
    for (;;) {
      try {
        const p12 = await readFile(file);
        this.logger.warn(`${'!'.repeat(20)} ${DEVELOPMENT_SEAL_WARNING} [file:${file}] ${'!'.repeat(20)}`);
        return loadSealIdentity(p12, (await readFile(`${file}.password`, 'utf8')).trim());
      } catch (error) {
        if (!isMissing(error) || Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
