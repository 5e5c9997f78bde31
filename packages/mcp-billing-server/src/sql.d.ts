/** Plain `.sql` files are imported as text (tsup's text loader; a small vitest plugin in tests). */
declare module '*.sql' {
  const text: string;
  export default text;
}
