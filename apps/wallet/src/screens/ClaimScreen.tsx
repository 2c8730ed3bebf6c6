import { ApiError, type ClaimInProgress, finishClaim, startClaim } from '@tokenos/sdk';
import { type FormEvent, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { navigate } from '../router.ts';
import { routes } from '../routes.ts';
import { cloudClient, walletKeyStore } from '../wallet/member.ts';
import { useWallet } from '../wallet/WalletProvider.tsx';
import { CodeField, EmailField, SendCodeActions } from './email-fields.tsx';
import { useAction } from './use-action.ts';

/** Says plainly why a code did not work; the SDK's codes, never its messages. */
function ClaimError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === 'Forbidden' && error.field === 'code')
    return (
      <p className="notice notice-error" role="alert">
        That code is not right, or no membership waits for this address. Check the email and try again.
      </p>
    );
  if (error instanceof ApiError && error.code === 'Expired')
    return (
      <p className="notice notice-error" role="alert">
        This code can no longer be used. Send a new code.
      </p>
    );
  if (error instanceof ApiError && error.code === 'Conflict')
    return (
      <p className="notice notice-error" role="alert">
        This membership has already been claimed.
      </p>
    );
  return <ErrorNotice error={error} />;
}

/**
 * Claims a membership a shop opened for the user's email (issue 9): a code to that address, then
 * this device's keys are bound to the member (the SDK checks the member's whole log), and the wallet
 * works as that member. A passkey is added next, on the setup screen.
 */
export function ClaimScreen({ searchParams }: { searchParams: URLSearchParams }) {
  const { state, save } = useWallet();
  const [address, setAddress] = useState(searchParams.get('email') ?? '');
  const [claim, setClaim] = useState<ClaimInProgress & { address: string }>();
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();

  if (state.status === 'ready')
    return (
      <Screen title="Claim a membership">
        <p className="lede">
          This wallet already belongs to a member. Claim a membership a shop opened for you in a wallet on a
          device that has none yet.
        </p>
        <p className="actions">
          <Link to={routes.home} className="button button-secondary">
            Go to your wallet
          </Link>
        </p>
      </Screen>
    );

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const value = address.trim().toLowerCase();
      const started = await startClaim(cloudClient(), walletKeyStore(), { type: 'EMAIL', value });
      setClaim({ ...started, address: value });
      setCode('');
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!claim) return;
    void run(async () => {
      const { member, alias } = await finishClaim(cloudClient(), walletKeyStore(), claim, code.trim());
      const now = Date.now();
      await save({
        memberId: member.id,
        createdAt: now,
        passkeys: [],
        email: { address: claim.address, salt: alias.salt, verifiedAt: now },
      });
      navigate(routes.setup);
    });
  };

  return (
    <Screen title="Claim your membership" className="setup">
      <p className="lede">
        A shop opened a membership for your email. Prove the address is yours and this device’s keys take it
        over: from then on only you can change it, and nothing can pay from it without your approval.
      </p>
      {claim ? (
        <form className="form" onSubmit={confirm}>
          <p className="form-hint" role="status">
            If a membership waits for <strong>{claim.address}</strong>, we sent a 6-digit code there. It works
            for 10 minutes.
          </p>
          {error ? <ClaimError error={error} /> : null}
          <CodeField id="claim-code" value={code} onChange={setCode} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || code.length !== 6}>
              {busy ? 'Claiming…' : 'Claim membership'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setClaim(undefined)}>
              Use a different address
            </button>
          </div>
        </form>
      ) : (
        <form className="form" onSubmit={send}>
          {error ? <ClaimError error={error} /> : null}
          <EmailField
            id="claim-email"
            label="Email address the shop has"
            value={address}
            onChange={setAddress}
          />
          <SendCodeActions busy={busy} address={address} />
        </form>
      )}
    </Screen>
  );
}
