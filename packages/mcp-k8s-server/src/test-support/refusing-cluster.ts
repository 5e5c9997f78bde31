/** A Cluster that records and refuses every call: proves that bad input sends nothing to the API. */
import type { Cluster } from '../ports/cluster.js';

/** The cluster and the names of the methods that were called on it. */
export function refusingCluster(): { cluster: Cluster; calls: string[] } {
  const calls: string[] = [];
  const cluster = new Proxy({} as Cluster, {
    get(_target, property) {
      return () => {
        calls.push(String(property));
        return Promise.reject(new Error(`unexpected API call ${String(property)}`));
      };
    },
  });
  return { cluster, calls };
}
