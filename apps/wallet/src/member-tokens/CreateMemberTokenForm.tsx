import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberTokenView } from '@tokenos/sdk';
import { Fragment, type ReactNode, useEffect, useId, useState } from 'react';
import { AccountOptions, accountKey } from '../components/AccountChoice.tsx';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { PasskeyPrompt } from '../components/PasskeyPrompt.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { useMember } from '../wallet/member.ts';
import { cancelPasskeyPrompt } from '../wallet/passkey.ts';
import { accountChoices, useApps, useLinks, useMemberState } from '../wallet/queries.ts';
import { rememberApp } from '../wallet/wallet-db.ts';
import { createMemberTokenFormMessages } from './CreateMemberTokenForm.messages.ts';
import { type CreateStep, createMemberTokenFlow, resolveMerchant } from './create.ts';
import {
  emptyLimitsForm,
  type FormErrors,
  type LimitsForm,
  limitationsFromForm,
  parseMerchant,
  setsNoLimit,
} from './limits-form.ts';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** Thrown when the form itself is wrong: shown beside the fields, not as a failure of the service. */
class FormInvalid extends Error {
  readonly errors: FormErrors;
  constructor(errors: FormErrors) {
    super('the form has errors');
    this.errors = errors;
  }
}

/**
 * A new member token for a merchant (issue 7): the merchant by its verified domain or member id,
 * the limits the user picks, the account it is paid from; endorsed with the STANDARD key and, when
 * SCA is due, the passkey.
 */
export function CreateMemberTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: MemberTokenView) => void;
  onCancel: () => void;
}) {
  const t = useT(createMemberTokenFormMessages);
  const fmt = useFormat();
  const member = useMember();
  const queryClient = useQueryClient();
  const links = useLinks();
  const apps = useApps();
  const directory = useMemberState(member);
  const [form, setForm] = useState<LimitsForm>(emptyLimitsForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [chosen, setChosen] = useState<string>();
  const [step, setStep] = useState<CreateStep>();
  const id = useId();
  const accounts = accountChoices(links.data ?? []);
  const source = accounts.find((a) => accountKey(a) === chosen) ?? accounts[0];

  const create = useMutation({
    mutationFn: async () => {
      if (!source) throw new FormInvalid({});
      const ref = parseMerchant(form.merchant);
      if (!ref) throw new FormInvalid({ merchant: 'merchantInvalid' });
      const checked = limitationsFromForm(form, { currency: source.currency, now: Date.now() });
      if (!checked.ok) throw new FormInvalid(checked.errors);
      setStep('creating');
      let holder: string;
      try {
        holder = await resolveMerchant(member, ref);
      } catch (e) {
        if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'NotFound')
          throw new FormInvalid({ merchant: 'merchantUnknown' });
        throw e;
      }
      const limits = limitationsFromForm(form, {
        currency: source.currency,
        merchantId: holder,
        now: Date.now(),
      });
      if (!limits.ok) throw new FormInvalid(limits.errors);
      const passkeys = directory.data?.passkeys ?? (await member.state()).passkeys;
      const token = await createMemberTokenFlow({
        member,
        holder,
        limitations: limits.limitations,
        loyalty: form.loyalty,
        source: { bankId: source.bankId, accountRef: source.accountRef },
        description:
          ref.kind === 'domain' ? t('descriptionFor', { merchant: ref.domain }) : t('descriptionAny'),
        passkeys: passkeys.map((p) => p.credentialId),
        onStep: setStep,
      });
      if (ref.kind === 'domain' && !apps.data?.some((a) => a.memberId === holder))
        await rememberApp({ memberId: holder, name: ref.domain, domain: ref.domain, domainVerified: true });
      return token;
    },
    onMutate: () => setErrors({}),
    onSettled: () => setStep(undefined),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: ['member-tokens'] });
      // Its backing payment shows in Activity and Accounts: their lists are out of date.
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      onCreated(token);
    },
    onError: (e) => {
      if (e instanceof FormInvalid) setErrors(e.errors);
      else console.error(e);
    },
  });

  // The first field in error takes the focus once the form is enabled again (WCAG 3.3.1).
  const firstError = Object.keys(errors)[0];
  useEffect(() => {
    if (firstError && !create.isPending) document.getElementById(`${id}-${firstError}`)?.focus();
  }, [firstError, create.isPending, id]);

  if (links.isPending) return <Loading>{t('loadingAccounts')}</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;
  if (accounts.length === 0)
    return (
      <div className="notice notice-warning" role="alert">
        <p className="notice-title">{t('noAccountTitle')}</p>
        <p>{t('noAccountBody')}</p>
        <p>
          <Link
            to={`${routes.link}?next=${encodeURIComponent(routes.memberTokens)}`}
            className="button button-primary"
          >
            {t('linkAccount')}
          </Link>
        </p>
      </div>
    );

  const set = <K extends keyof LimitsForm>(key: K, value: LimitsForm[K]) =>
    setForm({ ...form, [key]: value });
  const busy = create.isPending;
  const field = (
    key: 'merchant' | 'amount' | 'creditLimit' | 'maxUses' | 'countries',
    label: string,
    hint: string,
    extra: { inputMode?: 'decimal' | 'numeric' | 'text'; placeholder?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <p className="form-hint" id={`${id}-${key}-hint`}>
        {hint}
      </p>
      <input
        id={`${id}-${key}`}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
        aria-describedby={errors[key] ? `${id}-${key}-error ${id}-${key}-hint` : `${id}-${key}-hint`}
        aria-invalid={errors[key] ? true : undefined}
        autoComplete="off"
        disabled={busy}
        {...extra}
      />
      {errors[key] ? (
        <p className="field-error" id={`${id}-${key}-error`}>
          {errorOf(errors[key])}
        </p>
      ) : null}
    </div>
  );
  const currency = source?.currency ?? 'EUR';
  const money = (v: string) => fmt.money({ value: v, currency });
  const errorOf = (code: FormErrors[keyof FormErrors]) => (code ? t(code) : null);

  return (
    <form
      className="form card member-token-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p className="form-hint">{t('intro')}</p>
      {field('merchant', t('merchant'), t('merchantHint'), {
        inputMode: 'text',
      })}
      <fieldset className="choices" disabled={busy}>
        <legend>{t('payFrom')}</legend>
        <AccountOptions
          accounts={accounts}
          type="radio"
          name={`${id}-source`}
          isChecked={(key) => source !== undefined && accountKey(source) === key}
          onChange={setChosen}
          currency
        />
      </fieldset>
      <fieldset className="limits" disabled={busy}>
        <legend>{t('limits')}</legend>
        <p className="form-hint">{t('limitsHint')}</p>
        {field('amount', t('amount', { currency }), t('forExample', { example: money('20') }), {
          inputMode: 'decimal',
        })}
        {field('creditLimit', t('creditLimit', { currency }), t('forExample', { example: money('100') }), {
          inputMode: 'decimal',
        })}
        <div className="field">
          <label htmlFor={`${id}-expiresOn`}>{t('expiresOn')}</label>
          <input
            id={`${id}-expiresOn`}
            type="date"
            value={form.expiresOn}
            onChange={(e) => set('expiresOn', e.target.value)}
            aria-invalid={errors.expiresOn ? true : undefined}
            aria-describedby={errors.expiresOn ? `${id}-expiresOn-error` : undefined}
          />
          {errors.expiresOn ? (
            <p className="field-error" id={`${id}-expiresOn-error`}>
              {errorOf(errors.expiresOn)}
            </p>
          ) : null}
        </div>
        {field('maxUses', t('maxUses'), t('maxUsesHint'), {
          inputMode: 'numeric',
        })}
        <label className="choice">
          <input
            type="checkbox"
            checked={form.singleUse}
            onChange={(e) => set('singleUse', e.target.checked)}
          />
          <span className="choice-title">{t('singleUse')}</span>
        </label>
        {field('countries', t('countries'), t('countriesHint'), {
          inputMode: 'text',
        })}
        {setsNoLimit(form) ? (
          <div className="field">
            <label className="choice">
              <input
                id={`${id}-noLimit`}
                type="checkbox"
                checked={form.noLimit}
                onChange={(e) => set('noLimit', e.target.checked)}
                aria-invalid={errors.noLimit ? true : undefined}
                aria-describedby={errors.noLimit ? `${id}-noLimit-error` : undefined}
              />
              <span>
                <span className="choice-title">{t('noLimitLabel')}</span>
                <span className="choice-detail">{t('noLimitDetail')}</span>
              </span>
            </label>
            {errors.noLimit ? (
              <p className="field-error" id={`${id}-noLimit-error`}>
                {errorOf(errors.noLimit)}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={form.loyalty}
          onChange={(e) => set('loyalty', e.target.checked)}
          disabled={busy}
        />
        <span>
          <span className="choice-title">{t('loyalty')}</span>
          <span className="choice-detail">{t('loyaltyDetail')}</span>
        </span>
      </label>
      {create.isError && !(create.error instanceof FormInvalid) ? <ErrorNotice error={create.error} /> : null}
      {Object.keys(errors).length > 0 ? (
        <p className="field-error" role="alert">
          {t('checkFields')}
        </p>
      ) : null}
      {step === 'passkey' ? (
        <PasskeyPrompt onCancel={cancelPasskeyPrompt}>
          <p className="confirming">
            {(source
              ? t.rich<ReactNode>('confirmAccount', {
                  merchant: form.merchant.trim(),
                  account: `${source.name} ${source.maskedNumber}`,
                  strong,
                })
              : t.rich<ReactNode>('confirmYourAccount', { merchant: form.merchant.trim(), strong })
            ).map((part, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
              <Fragment key={i}>{part}</Fragment>
            ))}
          </p>
        </PasskeyPrompt>
      ) : step === 'bank' ? (
        <Loading>{source ? t('waitingBank', { bank: source.bankName }) : t('waitingYourBank')}</Loading>
      ) : step === 'creating' ? (
        <Loading>{t('saving')}</Loading>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
