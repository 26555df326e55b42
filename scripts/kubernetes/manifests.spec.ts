import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type LoadConfigOptions, loadConfig } from '@ejustice/platform/config/app-config';
import {
  type KubernetesObject,
  kustomizations,
  objectName as nameOf,
  parseObjects,
  render,
  repositoryRoot,
  validateObjects,
} from './manifests';

// Every kustomization under deploy/kubernetes is rendered with kubectl (offline) and each object
// it makes is validated against the Kubernetes schemas; then the deployment's promises are
// checked on the rendered objects: what each app is given boots it in production, the media
// nodes drain before they stop and hold nothing that signs.

const ROOT = repositoryRoot();

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string } }[];
  hostNetwork?: boolean;
  dnsPolicy?: string;
  terminationGracePeriodSeconds?: number;
  enableServiceLinks?: boolean;
}
interface Workload extends KubernetesObject {
  spec: {
    selector?: { matchLabels?: Record<string, string> };
    template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
  };
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const workloads = (objects: readonly KubernetesObject[]) => objects.filter((o): o is Workload => WORKLOAD_KINDS.includes(o.kind));
const find = <T extends KubernetesObject>(objects: readonly KubernetesObject[], kind: string, name: string): T => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found as T;
};
const byCommand = (objects: readonly KubernetesObject[], script: string) => {
  const found = workloads(objects).find((w) => w.spec.template.spec.containers.some((c) => c.command?.[1] === script));
  if (!found) throw new Error(`no workload runs ${script}`);
  return found;
};

// What each process asks of its config, as apps/*/src/main.ts and scripts/migrate.ts load it.
const APPS: Record<string, LoadConfigOptions> = {
  'dist/apps/api/src/main.js': { secrets: ['JWT_SECRET', 'MEDIA_TICKET_PRIVATE_KEY'] },
  'dist/apps/media/src/main.js': { secrets: ['MEDIA_TICKET_PUBLIC_KEY'] },
  'dist/apps/worker/src/main.js': {},
  'dist/scripts/migrate.js': {},
};

// The Secrets an operator creates (deploy/kubernetes/README.md) or CloudNativePG writes, with
// values of the right shape, and the operator's own values for the overlays' REPLACE- markers.
const ticket = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (pem: string) => Buffer.from(pem).toString('base64');
const SECRETS: Record<string, string> = {
  'ejustice-app/DATABASE_APP_URL': 'postgres://ejustice_app:app-password@db.example.court:5432/ejustice',
  'ejustice-app/REDIS_URL': 'redis://:redis-password@redis:6379/0',
  'ejustice-app/S3_ACCESS_KEY_ID': 'access-key',
  'ejustice-app/S3_SECRET_ACCESS_KEY': 'secret-key',
  'ejustice-app/METRICS_TOKEN': 'm'.repeat(40),
  'ejustice-signing/JWT_SECRET': 'j'.repeat(48),
  'ejustice-signing/MEDIA_TICKET_PRIVATE_KEY': b64(ticket.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  'ejustice-signing/AUDIT_SIGNING_KEY': generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  'ejustice-signing/CERTIFICATION_SEAL_P12_PASSWORD': 'seal-password',
  'ejustice-db-owner/DATABASE_URL': 'postgres://ejustice:owner-password@db.example.court:5432/ejustice',
  'ejustice-db-app/uri': 'postgresql://ejustice:owner-password@ejustice-db-rw.ejustice:5432/ejustice',
};
const OPERATOR_VALUES: Record<string, string> = {
  MEDIA_TICKET_PUBLIC_KEY: b64(ticket.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
};
const HOST_IP = '198.51.100.7';

/** The environment the kubelet gives a container: envFrom first, then env in order, $(VAR) expanded. */
function containerEnv(objects: readonly KubernetesObject[], container: Container, podName: string): Record<string, string> {
  const env: Record<string, string> = {};
  const configMap = (name: string) => find<KubernetesObject & { data?: Record<string, string> }>(objects, 'ConfigMap', name).data ?? {};
  for (const from of container.envFrom ?? []) {
    if (!from.configMapRef) throw new Error(`${container.name}: envFrom other than a ConfigMap`);
    Object.assign(env, configMap(from.configMapRef.name));
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    let value: string | undefined;
    if (variable.value !== undefined) value = variable.value.replace(/\$\((\w+)\)/g, (whole, name: string) => env[name] ?? whole);
    else if (from?.fieldRef) value = { 'metadata.name': podName, 'status.hostIP': HOST_IP }[from.fieldRef.fieldPath];
    else if (from?.secretKeyRef) {
      value = SECRETS[`${from.secretKeyRef.name}/${from.secretKeyRef.key}`];
      if (value === undefined && !from.secretKeyRef.optional) {
        throw new Error(
          `${container.name}: ${variable.name} names ${from.secretKeyRef.name}/${from.secretKeyRef.key}, which no one creates`,
        );
      }
    } else if (from?.configMapKeyRef) value = configMap(from.configMapKeyRef.name)[from.configMapKeyRef.key];
    if (value !== undefined) env[variable.name] = value;
  }
  for (const [name, value] of Object.entries(env)) {
    if (value.startsWith('REPLACE-')) {
      if (!OPERATOR_VALUES[name]) throw new Error(`${container.name}: ${name} is a REPLACE- marker this test has no value for`);
      env[name] = OPERATOR_VALUES[name];
    }
  }
  return env;
}

function documentedVariables(): Set<string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
}

const rendered = new Map<string, KubernetesObject[]>();
const renderedOf = (dir: string) => {
  if (!rendered.has(dir)) rendered.set(dir, render(dir));
  return rendered.get(dir) as KubernetesObject[];
};
const all = kustomizations(ROOT);
const overlays = all.filter((dir) => basename(dir) !== 'base');

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('has a base and the overlays external and cloudnative-pg', () => {
    expect(overlays.map((dir) => basename(dir))).toEqual(expect.arrayContaining(['external', 'cloudnative-pg']));
  });

  describe.each(all.map((dir) => [dir.slice(ROOT.length + 1), dir]))('%s', (_name, dir) => {
    it('renders offline, and every object is valid against the Kubernetes schemas, strictly', () => {
      const objects = renderedOf(dir);
      expect(objects.length).toBeGreaterThan(0);
      expect(validateObjects(objects, ROOT)).toEqual([]);
    });

    it('sets only variables the platform reads (.env.example), and no Service variables', () => {
      const known = documentedVariables();
      const objects = renderedOf(dir);
      const configMap = find<KubernetesObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'ejustice-config');
      const names = [
        ...Object.keys(configMap.data),
        ...workloads(objects).flatMap((w) => w.spec.template.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name))),
      ];
      expect(names.filter((name) => !known.has(name))).toEqual([]);
      for (const w of workloads(objects)) expect([nameOf(w), w.spec.template.spec.enableServiceLinks]).toEqual([nameOf(w), false]);
    });

    it('selects its own pods: each workload, Service and disruption budget', () => {
      const objects = renderedOf(dir);
      const podLabels = workloads(objects).map((w) => w.spec.template.metadata?.labels ?? {});
      const matches = (selector: Record<string, string>) =>
        podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
      for (const w of workloads(objects).filter((w) => w.kind !== 'Job')) {
        const selector = w.spec.selector?.matchLabels ?? {};
        expect(Object.entries(selector).every(([k, v]) => w.spec.template.metadata?.labels?.[k] === v)).toBe(true);
      }
      for (const o of objects.filter((o) => o.kind === 'Service' || o.kind === 'PodDisruptionBudget')) {
        const spec = o.spec as { selector: Record<string, string> & { matchLabels?: Record<string, string> } };
        expect([nameOf(o), matches(spec.selector.matchLabels ?? spec.selector)]).toEqual([nameOf(o), true]);
      }
    });
  });

  describe.each(overlays.map((dir) => [basename(dir), dir]))('overlay %s', (_name, dir) => {
    it('gives the api, the media nodes, the worker and the migrations a production config that loads', () => {
      const objects = renderedOf(dir);
      for (const [script, options] of Object.entries(APPS)) {
        const workload = byCommand(objects, script);
        const container = workload.spec.template.spec.containers[0];
        const env = containerEnv(objects, container, `${workload.metadata.name}-0`);
        let problem: string | undefined;
        try {
          loadConfig(env, { ...options });
        } catch (error) {
          problem = (error as Error).message;
        }
        expect({ script, nodeEnv: env.NODE_ENV, problem }).toEqual({ script, nodeEnv: 'production', problem: undefined });
      }
    });

    it('announces the machine’s address and registers each media node under its pod’s name', () => {
      const objects = renderedOf(dir);
      const media = byCommand(objects, 'dist/apps/media/src/main.js');
      const config = loadConfig(
        containerEnv(objects, media.spec.template.spec.containers[0], 'ejustice-media-1'),
        APPS['dist/apps/media/src/main.js'],
      );
      expect(config.media.nodeId).toBe('ejustice-media-1');
      expect(config.media.announcedAddress).toBe(HOST_IP);
      expect(config.media.pipeAddress).toBe(HOST_IP);
      expect(config.media.publicUrl).toMatch(/^https:\/\/ejustice-media-1\./);
      expect(config.redis.sentinel?.sentinels.length).toBeGreaterThanOrEqual(3);
      expect(config.storage.backend).toBe('s3');
    });

    it('names an image of a registry with a fixed tag', () => {
      for (const w of workloads(renderedOf(dir))) {
        for (const c of w.spec.template.spec.containers) expect(c.image).toMatch(/^[a-z0-9.-]+\/[^:]+:(?!latest$)[\w.-]+$/);
      }
    });
  });

  describe('media nodes', () => {
    const objects = () => renderedOf(all[0]);
    const media = () => byCommand(objects(), 'dist/apps/media/src/main.js');

    it('run one per machine on the host’s network, still resolving the cluster’s Services', () => {
      const pod = media().spec.template.spec;
      expect(pod.hostNetwork).toBe(true);
      expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    });

    it('are ready only by GET /ready (registered, a live worker, not draining) and alive by GET /health', () => {
      const container = media().spec.template.spec.containers[0];
      expect(container.readinessProbe?.httpGet?.path).toBe('/ready');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health');
    });

    it('drain before they stop, within the grace period less a margin for the shutdown', () => {
      const pod = media().spec.template.spec;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      const command = pod.containers[0].lifecycle?.preStop?.exec?.command ?? [];
      expect(command.slice(0, 6)).toEqual(['node', 'dist/scripts/media.js', 'drain', '--self', '--wait', '--timeout']);
      const margin = grace - Number(command[6]);
      expect(grace).toBeGreaterThanOrEqual(3600);
      expect(margin).toBeGreaterThanOrEqual(30);
      expect(margin).toBeLessThanOrEqual(300);
    });

    it('hold nothing that signs: no JWT secret, no ticket private key, no audit key, no seal', () => {
      const pod = media().spec.template.spec;
      const secretsUsed = [
        ...pod.containers.flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name)),
        ...(pod.volumes ?? []).map((v) => v.secret?.secretName),
      ];
      expect(secretsUsed).not.toContain('ejustice-signing');
      const names = pod.containers.flatMap((c) => (c.env ?? []).map((e) => e.name));
      for (const secret of ['JWT_SECRET', 'MEDIA_TICKET_PRIVATE_KEY', 'AUDIT_SIGNING_KEY', 'CERTIFICATION_SEAL_P12_PASSWORD']) {
        expect(names).not.toContain(secret);
      }
    });
  });

  describe('the api and the migrations', () => {
    const objects = () => renderedOf(all[0]);

    it('scale the api on CPU (autoscaling/v2), keep one up through disruptions, and route by /health', () => {
      const hpa = find<
        KubernetesObject & { apiVersion: string; spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
      >(objects(), 'HorizontalPodAutoscaler', 'ejustice-api');
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'ejustice-api' });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(find(objects(), 'PodDisruptionBudget', 'ejustice-api')).toBeDefined();
      const api = byCommand(objects(), 'dist/apps/api/src/main.js');
      expect(api.spec.template.spec.containers[0].readinessProbe?.httpGet?.path).toBe('/health');
    });

    it('give the schema owner’s DATABASE_URL to the migration Job alone', () => {
      const holders = workloads(objects())
        .filter((w) => w.spec.template.spec.containers.some((c) => (c.env ?? []).some((e) => e.name === 'DATABASE_URL')))
        .map(nameOf);
      expect(holders).toEqual(['Job/ejustice-migrate']);
      expect(byCommand(objects(), 'dist/scripts/migrate.js').spec.template.spec.containers[0].command).toEqual([
        'node',
        'dist/scripts/migrate.js',
        'up',
      ]);
    });
  });

  describe('the validator', () => {
    const deployment = () => structuredClone(byCommand(renderedOf(all[0]), 'dist/apps/api/src/main.js')) as Workload;

    it('accepts the api Deployment as rendered', () => {
      expect(validateObjects([deployment()], ROOT)).toEqual([]);
    });

    it('rejects a value of the wrong type', () => {
      const broken = deployment() as Workload & { spec: { replicas: unknown } };
      broken.spec.replicas = 'two';
      expect(validateObjects([broken], ROOT)).toEqual(
        expect.arrayContaining([{ object: 'Deployment/ejustice-api', message: expect.stringContaining('replicas must be integer') }]),
      );
    });

    it('rejects a field Kubernetes does not know (a misspelt probe would be dropped silently)', () => {
      const broken = deployment();
      Object.assign(broken.spec.template.spec.containers[0], { readinessprobe: { httpGet: { path: '/health', port: 'http' } } });
      expect(validateObjects([broken], ROOT)).toEqual([
        { object: 'Deployment/ejustice-api', message: expect.stringContaining("'\"readinessprobe\"' does not exist in type 'IContainer'") },
      ]);
    });

    it('rejects an object missing a required field', () => {
      const broken = deployment();
      delete (broken.spec.template.spec.containers[0] as { name?: string }).name;
      expect(validateObjects([broken], ROOT).length).toBeGreaterThan(0);
    });

    it('rejects a CloudNativePG Cluster with a field the operator does not know, and a kind it has no schema for', () => {
      const cluster = structuredClone(
        find(renderedOf(all.find((d) => basename(d) === 'cloudnative-pg') as string), 'Cluster', 'ejustice-db'),
      );
      expect(validateObjects([cluster], ROOT)).toEqual([]);
      (cluster.spec as Record<string, unknown>).instance = 3;
      const unknown = { apiVersion: 'example.court/v1', kind: 'Courtroom', metadata: { name: 'one' } };
      expect(validateObjects([cluster, unknown], ROOT)).toEqual([
        { object: 'Courtroom/one', message: 'no schema for example.court/v1 Courtroom' },
        { object: 'Cluster/ejustice-db', message: expect.stringContaining("'\"instance\"' does not exist in type 'CnpgClusterSpec'") },
      ]);
    });

    it('reads a rendered stream, and refuses one that does not parse', () => {
      expect(parseObjects('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
      expect(() => parseObjects('a: [1\n')).toThrow(/does not parse/);
    });
  });
});
