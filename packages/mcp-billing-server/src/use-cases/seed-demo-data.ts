/** Demo data so a new user can try every tool at once: customers, plans in use, invoices, payments, a refund. */
import { SandboxPaymentProcessor } from '../adapters/sandbox-payment-processor.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlClient } from '../ports/sql-client.js';
import { applyCredit } from './apply-credit.js';
import { collectPayment } from './collect-payment.js';
import { issueRefund } from './issue-refund.js';
import { type OperationIdentity, runMoneyOperation } from './money-operation.js';
import { onboardCustomer } from './onboard-customer.js';

/** What {@link seedDemoData} created. */
export interface DemoData {
  readonly seeded: boolean;
  readonly customerIds: readonly string[];
}

const DEMO_CUSTOMERS = [
  { name: 'Acme Corp', email: 'billing@acme.example', currency: 'USD', planId: 'pro_usd', pay: true, refund: 500n },
  { name: 'Globex GmbH', email: 'finance@globex.example', currency: 'EUR', planId: 'pro_eur', pay: false, refund: 0n },
  { name: 'Initech', email: 'ap@initech.example', currency: 'USD', planId: 'team_usd', pay: true, refund: 0n },
  { name: 'Kyoto Tea KK', email: 'ops@kyototea.example', currency: 'JPY', planId: 'pro_jpy', pay: true, refund: 0n },
] as const;

/**
 * Seeds demo customers once (a ledger that already has customers is left alone). Every step goes through
 * the same use cases and idempotency records as the tools, under the scope `demo:seed`.
 */
export async function seedDemoData(
  db: SqlClient,
  options: { processor?: PaymentProcessor; now?: () => Date } = {},
): Promise<DemoData> {
  const [existing] = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM customers');
  if (Number(existing?.n ?? 0) > 0) return { seeded: false, customerIds: [] };
  const processor = options.processor ?? new SandboxPaymentProcessor();
  const now = options.now ?? (() => new Date());
  const signal = new AbortController().signal;
  const ids: string[] = [];
  let step = 0;
  const identity = (): OperationIdentity => {
    step += 1;
    return { scope: 'demo:seed', requestId: `demo-${step}`, fingerprint: `demo-${step}`, processorKey: `demo:${step}` };
  };
  for (const c of DEMO_CUSTOMERS) {
    const onboard = identity();
    const onboarded = await runMoneyOperation(db, onboard, now(), (tx) =>
      onboardCustomer(tx, { name: c.name, email: c.email, currency: c.currency, planId: c.planId }, onboard, now()),
    );
    const customerId = onboarded.structured.customer.id;
    ids.push(customerId);
    if (!c.pay) continue;
    const collect = identity();
    const paid = await runMoneyOperation(db, collect, now(), (tx) =>
      collectPayment(
        tx,
        processor,
        { invoiceId: onboarded.structured.invoice.id, currency: c.currency, amountMinor: undefined },
        collect,
        now(),
        signal,
      ),
    );
    if (c.refund > 0n) {
      const refund = identity();
      await runMoneyOperation(db, refund, now(), (tx) =>
        issueRefund(
          tx,
          processor,
          {
            paymentId: paid.structured.payment.id,
            currency: c.currency,
            amountMinor: c.refund,
            reason: 'service_issue',
          },
          refund,
          now(),
          signal,
        ),
      );
    }
  }
  const credit = identity();
  const globex = ids[1];
  if (globex) {
    await runMoneyOperation(db, credit, now(), (tx) =>
      applyCredit(
        tx,
        { customerId: globex, currency: 'EUR', amountMinor: 1000n, note: 'demo goodwill credit' },
        credit,
        now(),
      ),
    );
  }
  return { seeded: true, customerIds: ids };
}
