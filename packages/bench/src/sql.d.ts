/** Billing's `.sql` migrations import as text (see ts-source-hooks.ts). */
declare module '*.sql' {
  const text: string;
  export default text;
}
