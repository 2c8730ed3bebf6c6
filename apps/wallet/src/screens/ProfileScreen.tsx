import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageKey } from '@tokenos/i18n';
import { type PostalAddress, type Profile, profileSchema } from '@tokenos/protocol';
import { addAddress, deleteAddress, saveProfile, updateAddress } from '@tokenos/sdk';
import { type FormEvent, useId, useState } from 'react';
import { withAddedAddress } from '../approve/ship-to.ts';
import { Confirm } from '../components/Confirm.tsx';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/use-t.ts';
import { toE164 } from '../profile/phone.ts';
import { navigate } from '../router.ts';
import { useMember } from '../wallet/member.ts';
import { addressLine, usePersonalData } from '../wallet/personal-data.ts';
import { AddressForm } from './AddressForm.tsx';
import { profileMessages } from './ProfileScreen.messages.ts';

type Editing =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; id: string }
  | { kind: 'delete'; id: string };

type ProfileKey = MessageKey<typeof profileMessages>;

const profileFields: Record<
  keyof Profile,
  { label: ProfileKey; type: string; autoComplete: string; hint?: ProfileKey; check: ProfileKey }
> = {
  name: { label: 'name', type: 'text', autoComplete: 'name', check: 'checkName' },
  email: { label: 'email', type: 'email', autoComplete: 'email', check: 'checkEmail' },
  phone: { label: 'phone', type: 'tel', autoComplete: 'tel', hint: 'phoneHint', check: 'checkPhone' },
};

function ProfileForm({ profile }: { profile: Profile }) {
  const member = useMember();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<keyof Profile, string>>({
    name: profile.name ?? '',
    email: profile.email ?? '',
    phone: profile.phone ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Profile, ProfileKey>>>({});
  const id = useId();
  const t = useT(profileMessages);
  const save = useMutation({
    mutationFn: (p: Profile) => saveProfile(member, p),
    onSuccess: (_, saved) => {
      // Show what was stored (trimmed, phone without spaces); the form stays mounted so the
      // confirmation stays on screen while the profile is read again.
      setDraft({ name: saved.name ?? '', email: saved.email ?? '', phone: saved.phone ?? '' });
      void queryClient.invalidateQueries({ queryKey: ['personal-data'] });
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const candidate: Profile = {};
    const next: Partial<Record<keyof Profile, ProfileKey>> = {};
    if (draft.name.trim()) candidate.name = draft.name.trim();
    if (draft.email.trim()) candidate.email = draft.email.trim();
    if (draft.phone.trim()) {
      const phone = await toE164(draft.phone);
      if (phone) candidate.phone = phone;
      else next.phone = 'badPhone';
    }
    const parsed = profileSchema.safeParse(candidate);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Profile;
        next[field] ??= profileFields[field].check;
      }
    setErrors(next);
    if (parsed.success && Object.keys(next).length === 0) save.mutate(parsed.data);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {(Object.keys(profileFields) as (keyof Profile)[]).map((name) => {
        const f = profileFields[name];
        const hintId = `${id}-${name}-hint`;
        const error = errors[name];
        return (
          <div key={name} className="field">
            <label htmlFor={`${id}-${name}`}>{t(f.label)}</label>
            <input
              id={`${id}-${name}`}
              name={name}
              type={f.type}
              autoComplete={f.autoComplete}
              value={draft[name]}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={f.hint || errors[name] ? hintId : undefined}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
              disabled={save.isPending}
            />
            {error ? (
              <p id={hintId} className="field-error">
                {t(error)}
              </p>
            ) : f.hint ? (
              <p id={hintId} className="form-hint">
                {t(f.hint)}
              </p>
            ) : null}
          </div>
        );
      })}
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      {save.isSuccess ? (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      ) : null}
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('saving') : t('saveProfile')}
        </button>
      </p>
    </form>
  );
}

/**
 * Profile and address book (issue 9). Stored by the cloud encrypted; an app sees an address or a
 * profile field only through a grant the user approved, listed under Connected apps.
 */
export function ProfileScreen({ next }: { next?: string | undefined }) {
  const member = useMember();
  const queryClient = useQueryClient();
  const data = usePersonalData(member);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const t = useT(profileMessages);
  const { tag } = useLocale();
  const line = (a: Parameters<typeof addressLine>[0]): string => addressLine(a, tag);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['personal-data'] });
  const add = useMutation({
    mutationFn: (a: PostalAddress) => addAddress(member, a),
    onSuccess: async (stored) => {
      await refresh();
      setEditing({ kind: 'none' });
      // Came here from a payment that needs an address: back to it, with this address chosen.
      if (next) navigate(withAddedAddress(next, stored.id));
    },
  });
  const edit = useMutation({
    mutationFn: (args: { id: string; address: PostalAddress }) =>
      updateAddress(member, args.id, args.address),
    onSuccess: async () => {
      await refresh();
      setEditing({ kind: 'none' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteAddress(member, id),
    onSuccess: async () => {
      await refresh();
      setEditing({ kind: 'none' });
    },
  });

  if (data.isPending) return <Loading>{t('reading')}</Loading>;
  if (data.isError) return <ErrorNotice error={data.error} onRetry={() => void data.refetch()} />;
  const { profile, addresses } = data.data;
  const busy = add.isPending || edit.isPending || remove.isPending;
  const failure = add.error ?? edit.error ?? remove.error;

  return (
    <Screen title={t('title')} className="profile">
      <p className="muted">{t('lede')}</p>
      {next ? (
        <p>
          <Link to={next}>{t('backToPayment')}</Link>
        </p>
      ) : null}

      <section aria-labelledby="addresses-heading" className="section">
        <h2 id="addresses-heading">{t('addresses')}</h2>
        {addresses.length === 0 ? <p className="muted">{t('noAddress')}</p> : null}
        <ul className="rows">
          {addresses.map((a) => (
            <li key={a.id} className="row row-wrap">
              {editing.kind === 'edit' && editing.id === a.id ? (
                <AddressForm
                  initial={a}
                  submitLabel={edit.isPending ? t('saving') : t('saveAddress')}
                  busy={busy}
                  onSubmit={(address) => edit.mutate({ id: a.id, address })}
                  onCancel={() => setEditing({ kind: 'none' })}
                />
              ) : (
                <>
                  <span className="row-main">
                    <strong>{a.label ?? a.recipient}</strong>
                    <span className="muted">
                      {a.label ? `${a.recipient}, ` : ''}
                      {line(a)}
                    </span>
                  </span>
                  {editing.kind === 'delete' && editing.id === a.id ? (
                    <Confirm
                      question={t('deleteQuestion', { address: a.label ?? line(a) })}
                      confirmLabel={t('deleteAddress')}
                      busyLabel={t('deleting')}
                      busy={remove.isPending}
                      onConfirm={() => remove.mutate(a.id)}
                      onCancel={() => setEditing({ kind: 'none' })}
                    />
                  ) : (
                    <span className="token-actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing({ kind: 'edit', id: a.id })}
                        disabled={busy}
                        aria-label={t('editNamed', { address: a.label ?? line(a) })}
                      >
                        {t('edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing({ kind: 'delete', id: a.id })}
                        disabled={busy}
                        aria-label={t('deleteNamed', { address: a.label ?? line(a) })}
                      >
                        {t('delete')}
                      </button>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
        {failure ? <ErrorNotice error={failure} /> : null}
        {editing.kind === 'add' ? (
          <AddressForm
            submitLabel={add.isPending ? t('adding') : t('addAddress')}
            busy={busy}
            onSubmit={(address) => add.mutate(address)}
            onCancel={() => setEditing({ kind: 'none' })}
          />
        ) : (
          <p className="form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ kind: 'add' })}
              disabled={busy}
            >
              {t('addAnAddress')}
            </button>
          </p>
        )}
      </section>

      <section aria-labelledby="contact-heading" className="section">
        <h2 id="contact-heading">{t('contact')}</h2>
        <ProfileForm profile={profile} />
      </section>
    </Screen>
  );
}
