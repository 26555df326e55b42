import { DataSource } from 'typeorm';
import { AuditEvent, describeAuditReport, loadConfig, verifyAuditChain } from '@ejustice/platform';

/**
 * `npm run audit:verify`: walks the audit chain from the first event and names the first broken
 * link. Exit code 0 when intact, 2 when broken (1 for any other failure).
 */
export async function runAuditVerify(databaseUrl: string): Promise<{ intact: boolean; message: string }> {
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, entities: [AuditEvent], logging: ['error'] }).initialize();
  try {
    const report = await verifyAuditChain(ds);
    return { intact: report.intact, message: describeAuditReport(report) };
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  const config = loadConfig();
  runAuditVerify(config.database.url)
    .then(({ intact, message }) => {
      (intact ? console.log : console.error)(message);
      process.exit(intact ? 0 : 2);
    })
    .catch((error: unknown) => {
      console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
