// Phone numbers checked by libphonenumber-js (Google's libphonenumber metadata, kept current by its
// maintainer; the 'max' metadata, as 'min' checks only the length): a number typed the way people
// write it ("0151 2345678" in Germany, "+44 20 …") becomes E.164, which is what the cloud stores
// (protocol phoneSchema). The library and its metadata load only when a number is checked, never
// with the wallet's first page.

/** The reader's own country from the browser's language ("de-DE" → DE), to read a number without "+". */
export function defaultRegion(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): string | undefined {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // A malformed language tag says nothing about the country.
    }
  }
  return undefined;
}

/** The number in E.164 ("+4915123456789"), or undefined when it is not a valid number. */
export async function toE164(text: string, region = defaultRegion()): Promise<string | undefined> {
  const { isSupportedCountry, parsePhoneNumberFromString } = await import('libphonenumber-js/max');
  const parsed = parsePhoneNumberFromString(
    text,
    region && isSupportedCountry(region) ? { defaultCountry: region } : {},
  );
  return parsed?.isValid() ? parsed.number : undefined;
}
