import { countryCodes, type PostalAddress, postalAddressSchema } from '@tokenos/protocol';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { addressFormMessages } from './AddressForm.messages.ts';

type Draft = Record<
  'label' | 'recipient' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country',
  string
>;

const empty: Draft = {
  label: '',
  recipient: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

function draftOf(a: PostalAddress | undefined): Draft {
  if (!a) return empty;
  return {
    label: a.label ?? '',
    recipient: a.recipient,
    line1: a.lines[0] ?? '',
    line2: a.lines.slice(1).join(', '),
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode,
    country: a.country,
  };
}

/** The first problem of a field, as the words that say it (the country is the one the draft chose). */
type FieldError =
  | { key: 'countryMissing' | 'streetMissing' | 'fillIn' }
  | { key: 'badPostalCode'; country: string };
type FieldErrors = Partial<Record<keyof Draft, FieldError>>;

/** The draft as the protocol's address, or the first problem per field (the schema's own rules). */
function parseDraft(d: Draft): { address: PostalAddress } | { errors: FieldErrors } {
  const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const candidate = {
    ...(optional(d.label) ? { label: d.label.trim() } : {}),
    recipient: d.recipient,
    lines: [d.line1, d.line2].filter((l) => l.trim() !== ''),
    city: d.city,
    ...(optional(d.region) ? { region: d.region.trim() } : {}),
    postalCode: d.postalCode,
    country: d.country.trim().toUpperCase(),
  };
  const parsed = postalAddressSchema.safeParse(candidate);
  if (parsed.success) return { address: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    const field: keyof Draft = top === 'lines' ? 'line1' : top in empty ? (top as keyof Draft) : 'recipient';
    errors[field] ??=
      field === 'country'
        ? { key: 'countryMissing' }
        : field === 'line1'
          ? { key: 'streetMissing' }
          : field === 'postalCode' && d.postalCode.trim() !== ''
            ? { key: 'badPostalCode', country: candidate.country }
            : { key: 'fillIn' };
  }
  return { errors };
}

const autocomplete: Record<keyof Draft, string> = {
  label: 'off',
  recipient: 'shipping name',
  line1: 'shipping address-line1',
  line2: 'shipping address-line2',
  city: 'shipping address-level2',
  region: 'shipping address-level1',
  postalCode: 'shipping postal-code',
  country: 'shipping country',
};

/** Add or edit one address; checks it with the same schema the cloud applies. */
export function AddressForm(props: {
  initial?: PostalAddress | undefined;
  submitLabel: string;
  busy: boolean;
  onSubmit: (address: PostalAddress) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = useId();
  const t = useT(addressFormMessages);
  const fmt = useFormat();
  const { tag } = useLocale();
  const errorText = (error: FieldError): string =>
    error.key === 'badPostalCode' ? t(error.key, { country: fmt.country(error.country) }) : t(error.key);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = parseDraft(draft);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    props.onSubmit(result.address);
  };

  // Every ISO 3166-1 country by its name in the reader's language, sorted as that language sorts.
  const countries = useMemo(() => {
    const collator = new Intl.Collator(tag);
    return countryCodes
      .map((code) => ({ code, name: fmt.country(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [fmt, tag]);

  return (
    <form className="address-form" onSubmit={submit} noValidate>
      {(Object.keys(empty) as (keyof Draft)[]).map((name) => (
        <div key={name} className="field">
          <label htmlFor={`${id}-${name}`}>{t(name)}</label>
          {name === 'country' ? (
            <select
              id={`${id}-${name}`}
              name={name}
              value={draft.country}
              autoComplete={autocomplete[name]}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
              onChange={(e) => setDraft((d) => ({ ...d, country: e.target.value }))}
              disabled={props.busy}
            >
              <option value="">{t('chooseCountry')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-${name}`}
              name={name}
              value={draft[name]}
              autoComplete={autocomplete[name]}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
              maxLength={100}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
              disabled={props.busy}
            />
          )}
          {errors[name] ? (
            <p id={`${id}-${name}-error`} className="field-error">
              {errorText(errors[name])}
            </p>
          ) : null}
        </div>
      ))}
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={props.onCancel}
            disabled={props.busy}
          >
            {t('cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}
