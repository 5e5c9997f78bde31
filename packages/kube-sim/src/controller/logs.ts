// Container logs for the pods/log subresource, generated from the container's behaviour and state.

import { badRequest } from '../api/status.js';
import type { Container, ContainerStatus, Pod } from '../model/types.js';
import { containerBehaviour, type RefLookup } from './behaviour.js';

interface Line {
  at: number;
  text: string;
}

function lines(c: Container, cs: ContainerStatus, previous: boolean, lookup: RefLookup): Line[] {
  const b = containerBehaviour(c, lookup);
  const image = c.image ?? '';
  const version = image.includes(':') ? image.split(':').pop() : 'latest';
  const port = c.ports?.[0]?.containerPort ?? 8080;
  const term = previous || cs.state.running === undefined ? cs.lastState.terminated : undefined;
  const start = Date.parse(term?.startedAt ?? cs.state.running?.startedAt ?? new Date().toISOString());
  const t = (i: number): number => start + i * 1000;
  const out: Line[] = [
    { at: t(0), text: `level=info msg="starting ${c.name}" version=${version}` },
    { at: t(0), text: 'level=info msg="loading configuration from environment"' },
  ];
  if (b.kind === 'crash') {
    out.push({ at: t(1), text: 'level=info msg="connecting to database"' });
    out.push({ at: t(1), text: b.errorLine });
    return out;
  }
  if (b.kind === 'oom') {
    const alloc = (c.env ?? []).find((e) => e.name === 'ALLOCATE_MB')?.value ?? '256';
    out.push({ at: t(1), text: `level=info msg="allocating work buffers" size=${alloc}MiB limit=${b.limit}` });
    out.push({ at: t(1), text: 'level=info msg="buffer 1 of 4 allocated"' });
    return out;
  }
  out.push({ at: t(1), text: `level=info msg="listening" addr=:${port}` });
  if (b.kind === 'notReady') {
    for (let i = 0; i < 5; i += 1)
      out.push({
        at: t(2 + i * 10),
        text: 'level=warn msg="readiness check failed" path=/fail status=500 reason="search index not loaded"',
      });
    return out;
  }
  out.push({ at: t(1), text: 'level=info msg="ready to serve requests"' });
  const now = Date.now();
  for (let i = 0; i < 20 && t(10 + i * 10) <= now + 200_000; i += 1) {
    out.push({
      at: t(10 + i * 10),
      text: `level=info msg="request served" method=GET path=/healthz status=200 duration=${(i % 5) + 1}ms`,
    });
  }
  return out;
}

/** Read the log of one container of a pod, as `GET pods/{name}/log` does with its query options. */
export function readPodLogs(pod: Pod, q: URLSearchParams, lookup: RefLookup): string {
  const podName = pod.metadata.name ?? '';
  const names = pod.spec.containers.map((c) => c.name);
  const want = q.get('container') ?? (names.length === 1 ? names[0] : undefined);
  if (want === undefined) {
    throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
  }
  const c = pod.spec.containers.find((x) => x.name === want);
  if (c === undefined) throw badRequest(`container ${want} is not valid for pod ${podName}`);
  if (pod.spec.nodeName === undefined) throw badRequest(`pod ${podName} does not have a host assigned`);
  const cs = pod.status?.containerStatuses?.find((s) => s.name === want);
  const previous = q.get('previous') === 'true';
  if (previous && (cs === undefined || cs.lastState.terminated === undefined)) {
    throw badRequest(`previous terminated container "${want}" in pod "${podName}" not found`);
  }
  if (cs === undefined || (cs.state.waiting !== undefined && cs.lastState.terminated === undefined)) {
    const reason = cs?.state.waiting?.reason ?? 'ContainerCreating';
    const why =
      reason === 'ImagePullBackOff' || reason === 'ErrImagePull' ? 'trying and failing to pull image' : reason;
    throw badRequest(`container "${want}" in pod "${podName}" is waiting to start: ${why}`);
  }
  let out = lines(c, cs, previous, lookup);
  const since = q.get('sinceSeconds');
  if (since !== null) out = out.filter((l) => l.at >= Date.now() - Number(since) * 1000);
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null) out = out.filter((l) => l.at >= Date.parse(sinceTime));
  const tail = q.get('tailLines');
  if (tail !== null && Number(tail) >= 0) out = Number(tail) === 0 ? [] : out.slice(-Number(tail));
  const stamps = q.get('timestamps') === 'true';
  let text = out
    .map((l) => `${stamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`)
    .join('');
  const limit = q.get('limitBytes');
  if (limit !== null && Number(limit) > 0) text = Buffer.from(text).subarray(0, Number(limit)).toString('utf8');
  return text;
}
