/**
 * The part of CloudNativePG's `postgresql.cnpg.io/v1` Cluster that deploy/kubernetes uses, as
 * its API reference documents it. CloudNativePG publishes its CRD schema only with the operator
 * (no npm package carries it), so this hand-kept subset stands in: the strict check refuses any
 * field it does not list, which catches a misspelt field, and a field the operator does not know
 * at all has no place here either. Add a field only as the API reference spells it.
 */
export interface CnpgCluster {
  apiVersion: 'postgresql.cnpg.io/v1';
  kind: 'Cluster';
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: CnpgClusterSpec;
}

interface CnpgClusterSpec {
  description?: string;
  instances: number;
  imageName?: string;
  primaryUpdateStrategy?: 'unsupervised' | 'supervised';
  primaryUpdateMethod?: 'switchover' | 'restart';
  minSyncReplicas?: number;
  maxSyncReplicas?: number;
  enableSuperuserAccess?: boolean;
  storage: { size?: string; storageClass?: string; resizeInUseVolumes?: boolean };
  walStorage?: { size?: string; storageClass?: string };
  bootstrap?: {
    initdb?: {
      database?: string;
      owner?: string;
      secret?: { name: string };
      encoding?: string;
      localeCollate?: string;
      localeCType?: string;
      postInitApplicationSQL?: string[];
    };
  };
  managed?: {
    roles?: {
      name: string;
      ensure?: 'present' | 'absent';
      comment?: string;
      login?: boolean;
      superuser?: boolean;
      createdb?: boolean;
      createrole?: boolean;
      inherit?: boolean;
      replication?: boolean;
      bypassrls?: boolean;
      connectionLimit?: number;
      validUntil?: string;
      inRoles?: string[];
      passwordSecret?: { name: string };
      disablePassword?: boolean;
    }[];
  };
  postgresql?: { parameters?: Record<string, string> };
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  affinity?: {
    enablePodAntiAffinity?: boolean;
    topologyKey?: string;
    podAntiAffinityType?: 'preferred' | 'required';
    nodeSelector?: Record<string, string>;
  };
  monitoring?: { enablePodMonitor?: boolean };
}
