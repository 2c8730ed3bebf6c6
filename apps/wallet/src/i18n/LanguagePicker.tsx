import { isLocale, localeNames, locales } from '@tokenos/i18n';
import { useId } from 'react';
import { useLocale } from './LocaleProvider.tsx';
import { shellMessages } from './shell.messages.ts';
import { useT } from './use-t.ts';

/** The language picker in the footer: each language named in itself, the choice kept on this device. */
export function LanguagePicker() {
  const { locale, setLocale } = useLocale();
  const t = useT(shellMessages);
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
