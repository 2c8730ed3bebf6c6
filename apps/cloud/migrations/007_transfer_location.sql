-- Where a redemption happened, as the redeemer reported it: the bank re-evaluates location
-- conditions itself, so the same facts travel with the execution request.
alter table transfers add column location jsonb;
