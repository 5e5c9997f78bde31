/** The four MCP annotation hints, every one stated explicitly by each tool. */

/** Behaviour hints shown to clients; all four are required so no tool relies on protocol defaults. */
export interface ToolHints {
  /** The tool does not change anything. */
  readonly readOnlyHint: boolean;
  /** The change may destroy or irreversibly alter something (refund, cancel, delete). */
  readonly destructiveHint: boolean;
  /** Repeating the same call has no further effect. */
  readonly idempotentHint: boolean;
  /** The tool reaches systems outside this server's own domain store. */
  readonly openWorldHint: boolean;
}
