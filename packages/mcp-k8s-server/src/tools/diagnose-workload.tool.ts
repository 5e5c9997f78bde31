/** diagnose_workload: one call that reads a Deployment's objects, their events and one log tail, and names the cause. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { diagnoseWorkload } from '../domain/diagnose-workload.js';
import { diagnosisOutputSchema } from '../domain/diagnosis-schema.js';
import { renderDiagnosis } from '../domain/render-diagnosis.js';
import type { K8sDeps } from './k8s-deps.js';
import { readWorkloadSnapshot } from './read-workload.js';
import { checkNamespace, workloadShape } from './shared-fields.js';

/** The diagnose_workload tool. */
export const diagnoseWorkloadTool = defineTool({
  name: 'diagnose_workload',
  title: 'Diagnose a workload',
  description:
    'Why a Deployment is unhealthy, in one call: the root cause with evidence, what changed since the last good revision, its events, and the next call to make.',
  kind: 'read',
  input: z.object(workloadShape),
  output: diagnosisOutputSchema,
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespace, name }, ctx: ToolContext<K8sDeps>) => {
    checkNamespace(ctx.deps, namespace);
    const snapshot = await readWorkloadSnapshot(ctx.deps.cluster, namespace, name, ctx.signal);
    const diagnosis = diagnoseWorkload(snapshot);
    return { structured: diagnosis, text: renderDiagnosis(diagnosis), truncated: diagnosis.omitted !== undefined };
  },
});
