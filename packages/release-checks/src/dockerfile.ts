/** A small Dockerfile parser (instructions, stages) and the image rules every server's Dockerfile keeps. */

/** One instruction: its keyword (upper case), its arguments as written, and the stage it belongs to. */
export interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** Parses a Dockerfile: joins continuation lines, drops comments and blank lines, numbers the stages. */
export function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue; // a comment inside a continued instruction
    if (line.endsWith('\\')) current += `${line.slice(0, -1).trim()} `;
    else {
      logical.push(`${current}${line}`.trim());
      current = '';
    }
  }
  if (current.trim() !== '') logical.push(current.trim());
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') stage += 1;
    return { keyword: upper, args: rest.join(' '), stage };
  });
}

/** Whether an image reference is pinned: a digest, or an exact x.y.z version tag (never latest or a floating tag). */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const tag = image.split('/').pop()?.split(':')[1];
  return tag !== undefined && /^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/.test(tag);
}

/** The image rules: each broken rule is one sentence; an empty list means the Dockerfile is compliant. */
export function checkDockerfile(text: string, server: string, pnpmVersion: string): string[] {
  const instructions = parseDockerfile(text);
  const problems: string[] = [];
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  if (froms.length < 2) problems.push('is not multi-stage');
  const stageNames = new Set(froms.map((f) => f.args.split(/\s+AS\s+/i)[1]).filter((n) => n !== undefined));
  for (const from of froms) {
    const image = from.args.replace(/^--platform=\S+\s+/, '').split(/\s+/)[0] ?? '';
    if (stageNames.has(image)) continue;
    if (/:latest\b/.test(image) || !image.includes(':'))
      problems.push(`${image} uses latest (explicitly or by default)`);
    else if (!isPinnedImage(image)) problems.push(`${image} is not pinned to an exact version or digest`);
    if (!/^node:24\./.test(image)) problems.push(`${image} is not a Node 24 base`);
    if (!image.includes('slim')) problems.push(`${image} is not a slim image`);
  }
  const last = froms.length - 1;
  const final = instructions.filter((i) => i.stage === last);
  const users = final.filter((i) => i.keyword === 'USER');
  const user = users.at(-1)?.args.split(':')[0];
  if (!user) problems.push('the final stage runs as root (no USER)');
  else if (user === 'root' || user === '0') problems.push('the final stage runs as root');
  else if (!/^\d+$/.test(user)) problems.push('USER is not numeric, so Kubernetes cannot verify runAsNonRoot');
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((r) => new RegExp(`pnpm .*deploy --filter @bulkhead/${server} --prod`).test(r)))
    problems.push(`does not build the tree with pnpm deploy --filter @bulkhead/${server} --prod`);
  if (!runs.some((r) => r.includes(`pnpm@${pnpmVersion}`))) problems.push(`does not install pnpm@${pnpmVersion}`);
  const copies = final.filter((i) => i.keyword === 'COPY').map((i) => i.args);
  if (copies.length !== 1 || !/^--from=build \/out /.test(copies[0] ?? ''))
    problems.push('the final stage copies more than the deployed production tree');
  if (final.some((i) => i.keyword === 'RUN' && /pnpm|npm (ci|install)/.test(i.args)))
    problems.push('the final stage installs packages');
  const cmd = final.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '';
  let argv: unknown;
  try {
    argv = JSON.parse(cmd);
  } catch {
    argv = undefined;
  }
  const expected = ['node', `dist/bin/${server}.js`, '--transport', 'http', '--host', '0.0.0.0'];
  if (JSON.stringify(argv) !== JSON.stringify(expected))
    problems.push(`CMD is not the exec form ${JSON.stringify(expected)}`);
  if (!final.some((i) => i.keyword === 'EXPOSE' && i.args === '8080')) problems.push('does not EXPOSE 8080');
  if (!final.some((i) => i.keyword === 'ENV' && /PORT=8080/.test(i.args))) problems.push('does not default PORT=8080');
  return problems;
}
