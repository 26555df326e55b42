import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/**
 * Renders deploy/kubernetes offline and checks every object it makes, twice over:
 *
 * - against the Kubernetes JSON schemas of the npm package kubernetes-models (generated from
 *   Kubernetes' own OpenAPI document): types, required fields, enums and formats;
 * - strictly, by type-checking each object as a literal of that package's TypeScript type, so
 *   that a field Kubernetes does not know (`readinessprobe`, a field at the wrong depth) is an
 *   error, as the API server's strict field validation makes it; the JSON schemas alone let such
 *   a field through and Kubernetes would silently drop it.
 *
 * Custom resources: CloudNativePG's Cluster is checked against the hand-kept subset in
 * cnpg-cluster.ts (its CRD schema is on no registry this project reaches) and its metadata
 * against Kubernetes' ObjectMeta schema. Any other kind without a schema is an error.
 *
 * Rendering is `kubectl kustomize`: kustomize v2 (Debian's kubernetes-client) and later.
 */

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface ManifestProblem {
  /** `Kind/name` of the object, or the kustomization when rendering failed. */
  readonly object: string;
  readonly message: string;
}

/** The repository's root, from here or from dist/scripts/kubernetes alike. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'deploy', 'kubernetes', 'base'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`No deploy/kubernetes/base above ${from}.`);
    dir = up;
  }
  return dir;
}

/** deploy/kubernetes/base and every overlay, each a folder with a kustomization.yaml. */
export function kustomizations(root = repositoryRoot()): string[] {
  const overlays = join(root, 'deploy', 'kubernetes', 'overlays');
  const found = existsSync(overlays)
    ? readdirSync(overlays, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(overlays, entry.name, 'kustomization.yaml')))
        .map((entry) => join(overlays, entry.name))
        .sort()
    : [];
  return [join(root, 'deploy', 'kubernetes', 'base'), ...found];
}

/** The objects `kubectl kustomize dir` renders; throws with kustomize's own words when it fails. */
export function render(dir: string): KubernetesObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('kubectl is not on the PATH: scripts/system-deps.sh installs it (Debian package kubernetes-client).', {
        cause: error,
      });
    }
    throw new Error(`kubectl kustomize ${dir} failed: ${(e.stderr ?? e.message).trim()}`, { cause: error });
  }
  return parseObjects(out);
}

/** The objects of a multi-document YAML stream; a document that is not an object is an error. */
export function parseObjects(yamlText: string): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const doc of parseAllDocuments(yamlText)) {
    if (doc.errors.length > 0) throw new Error(`Rendered YAML does not parse: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('A rendered document is not an object.');
    objects.push(value as KubernetesObject);
  }
  return objects;
}

export function objectName(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata?.name ?? '(no name)'}`;
}

/** Every problem of these objects, schema and strict; empty when all are valid. */
export function validateObjects(objects: readonly KubernetesObject[], root = repositoryRoot()): ManifestProblem[] {
  return [...objects.flatMap((object) => schemaProblems(object, root)), ...strictProblems(objects, root)];
}

const CNPG_CLUSTER = 'postgresql.cnpg.io/v1/Cluster';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

function modelsRoot(root: string): string {
  return join(root, 'node_modules', 'kubernetes-models');
}

/**
 * kubernetes-models keeps each apiVersion's models in the folder of that name (`v1` for the core
 * group). It is ES modules only, and exports no path that require() may name, so a model is
 * loaded by its file (Node 24 loads an ES module by require()).
 */
function loadModel(root: string, apiVersion: string, kind: string): ModelClass | undefined {
  const file = join(modelsRoot(root), apiVersion, 'index.js');
  if (!/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(apiVersion) || !existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as Record<string, unknown>;
  const model = module[kind];
  return typeof model === 'function' ? (model as ModelClass) : undefined;
}

function schemaProblems(object: KubernetesObject, root: string): ManifestProblem[] {
  const name = objectName(object);
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    return [{ object: name, message: 'has no apiVersion or kind' }];
  }
  if (`${object.apiVersion}/${object.kind}` === CNPG_CLUSTER) return clusterProblems(object, root);
  const Model = loadModel(root, object.apiVersion, object.kind);
  if (!Model) return [{ object: name, message: `no schema for ${object.apiVersion} ${object.kind}` }];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [{ object: name, message: (error as Error).message }];
  }
}

interface SchemaFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] | null;
}

/** A Cluster's metadata against Kubernetes' ObjectMeta schema; its spec is for the strict check. */
function clusterProblems(object: KubernetesObject, root: string): ManifestProblem[] {
  const file = join(root, 'node_modules', '@kubernetes-models', 'apimachinery', '_schemas', 'IoK8sApimachineryPkgApisMetaV1ObjectMeta.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validate } = require(file) as { validate: SchemaFunction };
  if (validate(object.metadata)) return [];
  return (validate.errors ?? []).map((e) => ({
    object: objectName(object),
    message: `metadata${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`,
  }));
}

/** The TypeScript type kubernetes-models declares for a kind, as `import type` lines and its name. */
function typeOf(object: KubernetesObject, root: string, index: number): { imports: string; type: string } | undefined {
  const alias = `T${index}`;
  if (`${object.apiVersion}/${object.kind}` === CNPG_CLUSTER) {
    return {
      imports: `import type { CnpgCluster as ${alias} } from ${JSON.stringify(join(root, 'scripts', 'kubernetes', 'cnpg-cluster'))};`,
      type: alias,
    };
  }
  if (!loadModel(root, object.apiVersion, object.kind)) return undefined;
  const module = `kubernetes-models/${object.apiVersion}/${object.kind}`;
  return { imports: `import type { I${object.kind} as ${alias} } from ${JSON.stringify(module)};`, type: alias };
}

/**
 * Type-checks every object as a literal of its type in one in-memory program. Each object sits
 * alone on its line, so a diagnostic's line names the object it is about.
 */
function strictProblems(objects: readonly KubernetesObject[], root: string): ManifestProblem[] {
  const file = join(root, 'deploy', 'kubernetes', '__strict-check__.ts');
  const header: string[] = [];
  const lines: { object: KubernetesObject; line: string }[] = [];
  objects.forEach((object, index) => {
    const type = typeOf(object, root, index);
    if (!type) return; // schemaProblems has reported it already
    header.push(type.imports);
    lines.push({ object, line: `export const o${index}: ${type.type} = ${JSON.stringify(object)};` });
  });
  const text = [...header, ...lines.map((l) => l.line)].join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? text : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);

  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file === source)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (d.file === undefined || d.start === undefined) return { object: relative(root, file), message };
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const entry = lines[line - header.length];
      if (!entry) return { object: relative(root, file), message };
      const near = entry.line.slice(Math.max(0, character - 40), character + 40);
      return { object: objectName(entry.object), message: `${message} (near …${near}…)` };
    });
}
