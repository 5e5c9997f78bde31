// Deterministic hashing and name suffixes in the style of the real controllers (pod-template-hash, pod names).

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a 32-bit hash of a string. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Encode like apimachinery's rand.SafeEncodeString (no vowels, no confusable characters). */
export function safeEncode(s: string): string {
  return [...s].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The pod-template-hash of a template (and collision count). */
export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(String(fnv32(`${canonical(template)}#${collisionCount}`)));
}

/** A 5-character pod name suffix, deterministic in its seed. */
export function podSuffix(seed: string): string {
  return safeEncode(String(fnv32(seed)).padStart(5, '0')).slice(-5);
}
