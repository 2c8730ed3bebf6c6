-- Refunds (protocol sca-policy.ts, "Refunds"): a co-signature under the Refund exemption records
-- which payment it pays back and how much, so the bank keeps every refund of one payment within
-- what that payment credited, by its own records.
alter table cosignatures add column refund_of text;
alter table cosignatures add column amount bigint;
create index cosignatures_refund_of on cosignatures (refund_of) where refund_of is not null;
