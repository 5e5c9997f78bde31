/** The short markdown a model reads for a diagnosis; the details are in the structured result. */
import type { Diagnosis } from './diagnosis-schema.js';

/** Renders a diagnosis in a few lines. */
export function renderDiagnosis(d: Diagnosis): string {
  const r = d.replicas;
  const lines = [
    `**${d.namespace}/${d.name}** — ${d.health}, revision ${d.revision}, ${r.available}/${r.desired} available${d.rollout_stuck ? ', rollout stuck' : ''}.`,
    `Root cause (${d.root_cause.kind}): ${d.root_cause.summary}`,
  ];
  if (d.change) {
    const changes = d.change.changes.map((c) => `${c.container} ${c.field}: ${c.detail}`).join('; ');
    lines.push(`Changed from revision ${d.change.from_revision} to ${d.change.to_revision}: ${changes}.`);
  }
  if (d.omitted) {
    const { events, changes, log_lines } = d.omitted;
    const parts = [
      events > 0 ? `${events} more events` : '',
      changes > 0 ? `${changes} more changes` : '',
      log_lines > 0 ? `${log_lines} earlier log lines (get_logs reads them)` : '',
    ].filter(Boolean);
    lines.push(`Not shown: ${parts.join(', ')}.`);
  }
  if (d.next_step)
    lines.push(`Next: \`${d.next_step.tool}\` ${JSON.stringify(d.next_step.arguments)} — ${d.next_step.why}`);
  return lines.join('\n');
}
