/** `host:port` or `[ipv6]:port`, as REDIS_SENTINELS lists them. */
const SENTINEL_ADDRESS = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

/**
 * Parses REDIS_SENTINELS (a comma-separated list of host:port): the addresses, or the entries
 * that are not addresses. Pure, for the configuration to report.
 */
export function parseSentinelList(list: string): { sentinels: { host: string; port: number }[]; bad: string[] } {
  const sentinels: { host: string; port: number }[] = [];
  const bad: string[] = [];
  for (const entry of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = SENTINEL_ADDRESS.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) bad.push(entry);
    else sentinels.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return { sentinels, bad };
}
