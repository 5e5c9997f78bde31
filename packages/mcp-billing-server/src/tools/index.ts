/** The billing server's tools. */
import { applyCreditTool } from './apply-credit.tool.js';
import { cancelSubscriptionTool } from './cancel-subscription.tool.js';
import { changePlanTool } from './change-plan.tool.js';
import { collectPaymentTool } from './collect-payment.tool.js';
import { findPaymentsTool } from './find-payments.tool.js';
import { getBillingSummaryTool } from './get-billing-summary.tool.js';
import { issueRefundTool } from './issue-refund.tool.js';
import { listInvoicesTool } from './list-invoices.tool.js';
import { onboardCustomerTool } from './onboard-customer.tool.js';

/** The read tools (the read-only profile lists only these). */
export const billingReadTools = [getBillingSummaryTool, listInvoicesTool, findPaymentsTool];

/** Every tool of the billing server. */
export const billingTools = [
  ...billingReadTools,
  onboardCustomerTool,
  collectPaymentTool,
  issueRefundTool,
  applyCreditTool,
  changePlanTool,
  cancelSubscriptionTool,
];
