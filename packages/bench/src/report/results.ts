/** Everything one run measured, as the report writers read it. */
import type { RunConditions } from '../conditions.ts';
import type { BenchOptions } from '../options.ts';
import type { ColdStartFigure } from '../suites/cold-start-suite.ts';
import type { HttpReport } from '../suites/http-suite.ts';
import type { LayerFigure } from '../suites/layers-suite.ts';
import type { LedgerFigure } from '../suites/ledger-suite.ts';
import type { TokensReport } from '../suites/tokens-suite.ts';

/** The results of one `pnpm bench`. */
export interface BenchResults {
  readonly conditions: RunConditions;
  readonly options: BenchOptions;
  readonly http: HttpReport;
  readonly layers: readonly LayerFigure[];
  /** The billing credit transaction alone, in process (no HTTP, MCP, core or Redis). */
  readonly ledger: LedgerFigure | { readonly unavailable: string };
  readonly coldStart: readonly ColdStartFigure[];
  readonly tokens: TokensReport;
  /** Idle RSS of a Node process that loads nothing, the floor every server starts from. */
  readonly bareNodeRssMiB: number | undefined;
  /** Median spawn-to-first-output of `node -e`, the floor every cold start stands on. */
  readonly bareNodeStartMs: number | undefined;
}
