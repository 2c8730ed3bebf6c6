import { z } from 'zod';
import { hashIdSchema, memberIdSchema, timestampSchema } from '../common.ts';

/**
 * A member's own directory log, delivered by its wallet straight to a bank it linked, so the bank
 * learns of a key or alias change without trusting the cloud to serve it (seed 000: banks "do
 * not need to trust cloud providers"). Each operation is parsed and verified by the chain rule.
 */
export const deliveredLogSchema = z.strictObject({
  operations: z.array(z.unknown()).min(1).max(1_000),
});
export type DeliveredLog = z.infer<typeof deliveredLogSchema>;

export const logHeadSchema = z.strictObject({
  seq: z.number().int().min(0),
  hash: hashIdSchema,
});

/** The bank's answer: the head it now holds for the member, and when it confirmed it. */
export const logReceiptSchema = z.strictObject({
  memberId: memberIdSchema,
  head: logHeadSchema,
  confirmedAt: timestampSchema,
});
export type LogReceipt = z.infer<typeof logReceiptSchema>;
