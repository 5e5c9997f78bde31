// Parsing resource quantities (cpu cores and memory bytes).

const SUFFIX: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  m: 1e-3,
  '': 1,
};

/** A quantity as a number in base units (cores for cpu, bytes for memory); undefined when unparsable. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(q.trim());
  if (m === null) return undefined;
  const mult = SUFFIX[m[2] ?? ''];
  return mult === undefined ? undefined : Number(m[1]) * mult;
}

/** Mebibytes in a memory quantity. */
export function mebibytes(q: string | number | undefined): number | undefined {
  const b = parseQuantity(q);
  return b === undefined ? undefined : b / 1024 ** 2;
}
