import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestMetadataKey } from '@tokenos/protocol';
import { cancelMemberToken, type MemberTokenView } from '@tokenos/sdk';
import { useId, useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDate } from '../format.ts';
import { useMember } from '../wallet/member.ts';
import { useCounterparty } from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';
import { QrCode } from './QrCode.tsx';
import { usageRows } from './usage.ts';

const statusWords: Record<MemberTokenView['status'], { text: string; badge: string }> = {
  active: { text: 'Active', badge: 'badge-ok' },
  pending: { text: 'Waiting for your bank', badge: 'badge-warn' },
  cancelled: { text: 'Revoked', badge: 'badge-neutral' },
  expired: { text: 'Ended', badge: 'badge-neutral' },
  rejected: { text: 'Refused by your bank', badge: 'badge-warn' },
};

type Format = 'custom' | 'jwt';

/** The token as text in one of its two formats (seed 001 options 2 and 1), as a QR code and copyable. */
function TokenCode({ token }: { token: MemberTokenView }) {
  const [format, setFormat] = useState<Format>('custom');
  const [copied, setCopied] = useState(false);
  const id = useId();
  const text = format === 'custom' ? token.custom : token.jwt;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      // Clipboard refused (permissions, an http origin): the text is selectable below.
      document.getElementById(`${id}-text`)?.focus();
    }
  };
  return (
    <div className="token-code">
      {/* The short code reads in either case (seed 001 hex); upper case fits QR's denser alphanumeric mode. */}
      <QrCode
        text={format === 'custom' ? text.toUpperCase() : text}
        label={`QR code to show the merchant${format === 'jwt' ? ' (JWT)' : ''}`}
      />
      <label htmlFor={`${id}-text`}>Code as text</label>
      <textarea
        id={`${id}-text`}
        className="token-text"
        readOnly
        rows={format === 'custom' ? 3 : 6}
        value={text}
        onFocus={(e) => e.currentTarget.select()}
      />
      <p className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <span className="visually-hidden" role="status">
          {copied ? 'Copied to the clipboard' : ''}
        </span>
      </p>
      <details className="advanced">
        <summary>Advanced details</summary>
        <fieldset className="segmented">
          <legend>Format</legend>
          {(
            [
              ['custom', 'Short code (116 hex digits)'],
              ['jwt', 'JWT'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="segment">
              <input
                type="radio"
                name={`${id}-format`}
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <p className="muted break">
          Token id <code>{token.tokenId}</code>
        </p>
      </details>
    </div>
  );
}

export function MemberTokenCard({
  token,
  apps,
  onRevoked,
}: {
  token: MemberTokenView;
  apps: readonly AppRecord[] | undefined;
  /** Told once the token is revoked, with the merchant's name, so the screen can say so. */
  onRevoked?: (name: string) => void;
}) {
  const member = useMember();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'code' | 'revoke'>('view');
  const requestId = token.metadata.find((m) => m.key === requestMetadataKey)?.value ?? null;
  const merchant = useCounterparty(token.merchantOfRecord, requestId, apps);
  const revoke = useMutation({
    mutationFn: () => cancelMemberToken(member, token.tokenId),
    onSuccess: () => {
      setMode('view');
      onRevoked?.(name);
      void queryClient.invalidateQueries({ queryKey: ['member-tokens'] });
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const headingId = `member-token-${token.tokenId}`;
  const name = merchant?.name ?? 'A merchant';
  const live = token.status === 'active' || token.status === 'pending';
  const status = statusWords[token.status];
  const rows = usageRows(token, Date.now());
  return (
    <li className="card token member-token" aria-labelledby={headingId}>
      <div className="token-head">
        <h2 id={headingId} className="token-title">
          {name}
          {merchant && merchant.domain !== name ? (
            <span className="muted token-domain"> · {merchant.domain}</span>
          ) : null}
        </h2>
        <span className={`badge ${status.badge}`}>{status.text}</span>
      </div>
      <p className="muted">
        {token.depth > 0 ? `Passed on to a sub-merchant of ${name} · ` : ''}
        Since {formatDate(token.createdAt)}
        {token.loyalty ? ' · Loyalty id' : ''}
      </p>
      <dl className="facts usage">
        {rows.map((r) => (
          <div key={r.limit}>
            <dt id={`${headingId}-${r.limit}`}>{r.label}</dt>
            <dd>
              {r.text}
              {r.used !== undefined ? (
                <meter
                  min={0}
                  max={1}
                  low={0.75}
                  high={0.9}
                  optimum={0}
                  value={r.used}
                  aria-labelledby={`${headingId}-${r.limit}`}
                  aria-valuetext={r.text}
                />
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
      {mode === 'revoke' ? (
        <Confirm
          question={`Revoke this token? ${name} can no longer charge it, nor can anyone it passed it on to.`}
          confirmLabel="Revoke token"
          busyLabel="Revoking…"
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate()}
          onCancel={() => setMode('view')}
        />
      ) : (
        <>
          {mode === 'code' ? <TokenCode token={token} /> : null}
          <div className="token-actions">
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={mode === 'code'}
              onClick={() => setMode(mode === 'code' ? 'view' : 'code')}
            >
              {mode === 'code' ? 'Hide code' : 'Show code'}
            </button>
            {live ? (
              <button type="button" className="button button-secondary" onClick={() => setMode('revoke')}>
                Revoke…
              </button>
            ) : null}
          </div>
        </>
      )}
    </li>
  );
}
