import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestMetadataKey } from '@tokenos/protocol';
import { cancelMemberToken, type MemberTokenView } from '@tokenos/sdk';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { useMember } from '../wallet/member.ts';
import { useCounterparty } from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';
import { memberTokenCardMessages } from './MemberTokenCard.messages.ts';
import { QrCode } from './QrCode.tsx';
import { usageRows } from './usage.ts';

/** The badge of each status; its words are the message of the same name. */
const statusBadge: Record<MemberTokenView['status'], string> = {
  active: 'badge-ok',
  pending: 'badge-warn',
  cancelled: 'badge-neutral',
  expired: 'badge-neutral',
  rejected: 'badge-warn',
};

type Format = 'custom' | 'jwt';

/** The token as text in one of its two formats (seed 001 options 2 and 1), as a QR code and copyable. */
function TokenCode({ token }: { token: MemberTokenView }) {
  const t = useT(memberTokenCardMessages);
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
        label={format === 'jwt' ? t('qrLabelJwt') : t('qrLabel')}
      />
      <label htmlFor={`${id}-text`}>{t('codeAsText')}</label>
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
          {copied ? t('copied') : t('copy')}
        </button>
        <span className="visually-hidden" role="status">
          {copied ? t('copiedStatus') : ''}
        </span>
      </p>
      <details className="advanced">
        <summary>{t('advanced')}</summary>
        <fieldset className="segmented">
          <legend>{t('format')}</legend>
          {(
            [
              ['custom', t('shortCode')],
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
          {t
            .rich<ReactNode>('tokenId', { id: token.tokenId, code: (chunks) => <code>{chunks}</code> })
            .map((part, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
              <Fragment key={i}>{part}</Fragment>
            ))}
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
  const t = useT(memberTokenCardMessages);
  const fmt = useFormat();
  const { locale, tag } = useLocale();
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
  const name = merchant?.name ?? t('aMerchant');
  const live = token.status === 'active' || token.status === 'pending';
  const rows = usageRows(token, Date.now(), locale, tag);
  return (
    <li className="card token member-token" aria-labelledby={headingId}>
      <div className="token-head">
        <h2 id={headingId} className="token-title">
          {name}
          {merchant && merchant.domain !== name ? (
            <span className="muted token-domain"> · {merchant.domain}</span>
          ) : null}
        </h2>
        <span className={`badge ${statusBadge[token.status]}`}>{t(token.status)}</span>
      </div>
      <p className="muted">
        {token.depth > 0 ? t('passedOn', { name }) : ''}
        {t(token.loyalty ? 'sinceLoyalty' : 'since', { date: fmt.date(token.createdAt) })}
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
          question={t('revokeQuestion', { name })}
          confirmLabel={t('revokeToken')}
          busyLabel={t('revoking')}
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
              {mode === 'code' ? t('hideCode') : t('showCode')}
            </button>
            {live ? (
              <button type="button" className="button button-secondary" onClick={() => setMode('revoke')}>
                {t('revoke')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </li>
  );
}
