/** Tokens (o200k): each server's `tools/list`, and what an agent spends on two standard tasks. */
import { countTextTokens, countToolListTokens } from '@bulkhead/core/testing';
import { createCalculatorServer } from '@bulkhead/mcp-calculator-server';
import { openStdioSession, type StdioSession } from '../children/stdio-session.ts';
import type { BinTarget } from './server-bins.ts';

/** A server's listing size against its budget (DESIGN §4). */
export interface ListingTokens {
  readonly server: string;
  readonly tokens?: number;
  readonly budget: number;
  readonly tools?: number;
  readonly unavailable?: string;
}

/** One agent task: the calls made and the tokens each side of them. */
export interface TaskTokens {
  readonly task: string;
  readonly calls?: readonly string[];
  /** Tokens of the tool listing the agent is given. */
  readonly listing?: number;
  /** Tokens of the tool calls the model writes (name + arguments JSON). */
  readonly requests?: number;
  /** Tokens of the text content the model reads back. */
  readonly resultText?: number;
  /** Tokens of the whole results as sent (text + structuredContent + _meta), for hosts that pass everything. */
  readonly resultWire?: number;
  readonly unavailable?: string;
}

/** The listing and task figures. */
export interface TokensReport {
  readonly listings: readonly ListingTokens[];
  readonly tasks: readonly TaskTokens[];
}

const BUDGETS = { calculator: 800, billing: 2_500, k8s: 2_500 } as const;

/** Opens each bin over stdio, counts its listing, and runs the task that belongs to it. */
export async function runTokensSuite(targets: readonly BinTarget[]): Promise<TokensReport> {
  const listings: ListingTokens[] = [];
  const tasks: TaskTokens[] = [];
  const inProcess = countToolListTokens(createCalculatorServer());
  for (const target of targets) {
    const budget = BUDGETS[target.server];
    const task = target.server === 'k8s' ? DIAGNOSE : target.server === 'billing' ? REFUND : undefined;
    if (!target.bin) {
      listings.push({ server: target.server, budget, unavailable: target.unavailable ?? 'not measured' });
      if (task) tasks.push({ task: task.name, unavailable: target.unavailable ?? 'not measured' });
      continue;
    }
    const session = await openStdioSession(target.bin, target.env);
    try {
      const tools = session.toolList.tools as unknown[];
      const tokens = countTextTokens(JSON.stringify({ tools }));
      if (target.server === 'calculator' && tokens !== inProcess) {
        throw new Error(`calculator listing: ${tokens} tokens over stdio but ${inProcess} in process`);
      }
      listings.push({ server: target.server, tokens, budget, tools: tools.length });
      if (task) tasks.push(await runTask(task, session, tokens));
    } catch (error) {
      if (task) tasks.push({ task: task.name, unavailable: `not measured: ${(error as Error).message}` });
    } finally {
      await session.close();
    }
  }
  return { listings, tasks };
}

interface TaskScript {
  readonly name: string;
  /** The calls in order; each sees the previous structured result. */
  readonly steps: readonly ((previous: Record<string, unknown> | undefined) => {
    tool: string;
    args: Record<string, unknown>;
  })[];
}

const DIAGNOSE: TaskScript = {
  name: 'diagnose a crash-looping Deployment (k8s on kube-sim demo)',
  steps: [
    () => ({ tool: 'list_workloads', args: { namespace: 'demo' } }),
    () => ({ tool: 'diagnose_workload', args: { namespace: 'demo', name: 'api-crashloop' } }),
  ],
};

const REFUND: TaskScript = {
  name: 'refund a payment (billing on PostgreSQL, demo data)',
  steps: [
    () => ({ tool: 'find_payments', args: { refundable_only: true, limit: 5 } }),
    (previous) => {
      const payments = (previous?.payments ?? []) as { id: string; refundable?: { currency?: string } }[];
      const payment = payments[0];
      if (!payment) throw new Error('no refundable payment in the demo data');
      return {
        tool: 'issue_refund',
        args: {
          payment_id: payment.id,
          currency: payment.refundable?.currency ?? 'USD',
          amount_minor: 100,
          reason: 'customer_request',
          request_id: `bench-refund-${process.pid}-${Date.now()}`,
        },
      };
    },
  ],
};

async function runTask(script: TaskScript, session: StdioSession, listing: number): Promise<TaskTokens> {
  let requests = 0;
  let resultText = 0;
  let resultWire = 0;
  let previous: Record<string, unknown> | undefined;
  const calls: string[] = [];
  for (const step of script.steps) {
    const { tool, args } = step(previous);
    calls.push(tool);
    requests += countTextTokens(JSON.stringify({ name: tool, arguments: args }));
    const result = await session.request('tools/call', { name: tool, arguments: args });
    if (result.isError === true) throw new Error(`${tool} failed: ${JSON.stringify(result.content).slice(0, 200)}`);
    const content = (result.content ?? []) as { type: string; text?: string }[];
    resultText += countTextTokens(content.map((c) => c.text ?? '').join('\n'));
    resultWire += countTextTokens(JSON.stringify(result));
    previous = result.structuredContent as Record<string, unknown> | undefined;
  }
  return { task: script.name, calls, listing, requests, resultText, resultWire };
}
