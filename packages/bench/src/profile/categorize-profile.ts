/** Splits a .cpuprofile's busy time into the parts of an HTTP tool call, by the functions on each sample's stack. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string };
  readonly children?: readonly number[];
}

/** The first matching category wins; the order goes from the most specific to the broadest. */
const CATEGORIES: readonly (readonly [string, (stack: readonly string[]) => boolean])[] = [
  ['response write (res.end → writev)', (s) => s.slice(0, 12).includes('end') && s.includes('Writable.uncork')],
  ['SDK per-request transport close (abort + SdkError)', (s) => s.includes('_onclose')],
  ['Node → web request (toWebRequest, undici)', (s) => s.includes('toWebRequest')],
  [
    'core callTool pipeline (handler, logging, metrics, signals)',
    (s) => s.includes('callTool') || s.includes('runCall'),
  ],
  ['core HTTP route (body, JSON parse, guards)', (s) => s.includes('route')],
  ['garbage collector', (s) => s[0] === '(garbage collector)'],
  ['start-up (module loading)', (s) => s.includes('executeUserEntryPoint') || s.includes('compileSourceTextModule')],
];

/** Share of busy (non-idle) samples per category, largest first; the rest is "other". */
export function categorizeProfile(path: string): { name: string; share: number }[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: readonly ProfileNode[];
    samples: readonly number[];
    timeDeltas: readonly number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number) => {
    const names: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      names.push(byId.get(cur)?.callFrame.functionName ?? '');
    }
    return names;
  };
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const stack = stackOf(id);
    if (stack[0] === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    const name =
      CATEGORIES.find(([, match]) => match(stack))?.[0] ?? 'other (SDK dispatch, HTTP parser, pino writes, …)';
    totals.set(name, (totals.get(name) ?? 0) + us);
  });
  return [...totals].map(([name, us]) => ({ name, share: us / busy })).sort((a, b) => b.share - a.share);
}
