import { resolve } from 'node:path';
import { kustomizations, objectName, render, repositoryRoot, validateObjects } from './kubernetes/manifests';

/**
 * `node dist/scripts/k8s-validate.js [kustomization-dir ...]`: renders each kustomization with
 * `kubectl kustomize` (offline) and validates every object against the Kubernetes schemas,
 * strictly (scripts/kubernetes/manifests.ts). Without arguments: deploy/kubernetes/base and every
 * overlay, as the unit tests do; with a folder: your own overlay before you apply it.
 * Prints a line per kustomization and one per problem; exit 1 when any object is invalid, 2 when
 * a kustomization does not render.
 */
function main(args: readonly string[]): number {
  const root = repositoryRoot();
  const dirs = args.length > 0 ? args.map((dir) => resolve(dir)) : kustomizations(root);
  let status = 0;
  for (const dir of dirs) {
    let objects;
    try {
      objects = render(dir);
    } catch (error) {
      console.error(`k8s-validate: ${(error as Error).message}`);
      status = 2;
      continue;
    }
    const problems = validateObjects(objects, root);
    for (const p of problems) console.error(`k8s-validate: ${dir}: ${p.object}: ${p.message}`);
    console.log(`k8s-validate: ${dir}: ${objects.length} objects (${objects.map(objectName).join(', ')}), ${problems.length} problems`);
    if (problems.length > 0 && status === 0) status = 1;
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
