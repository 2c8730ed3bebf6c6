import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { z } from 'zod';
import { countrySchema } from '../conditions/countries.ts';

/**
 * Personal data a member keeps in the wallet (seed 000 names "physical addresses and PII" as
 * typical access-token assets): a profile and an address book. The cloud stores both encrypted
 * and releases them only to a grantee holding a live access token for exactly that resource.
 */

/** Fields of the profile an access token may name. */
export const profileFieldSchema = z.enum(['name', 'email', 'phone']);
export type ProfileField = z.infer<typeof profileFieldSchema>;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'expected text without control characters');

/** E.164 (ITU-T): "+", country code and subscriber number, 8 to 15 digits in all. */
export const phoneSchema = z
  .string()
  .regex(/^\+[1-9][0-9]{7,14}$/, 'expected an E.164 number such as +4915112345678');

export const profileSchema = z.strictObject({
  name: text(100).optional(),
  email: z.email().max(254).optional(),
  phone: phoneSchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

/**
 * Postal address in the shape of the W3C Payment Request ContactAddress, field by field, as storage
 * written before the country and postal-code rules holds it (reads of stored data accept it).
 */
export const postalAddressFieldsSchema = z.strictObject({
  /** The member's own name for it ("Home"); never shown to a grantee. */
  label: text(40).optional(),
  recipient: text(100),
  lines: z.array(text(100)).min(1).max(3),
  city: text(80),
  region: text(80).optional(),
  postalCode: text(16),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as DE'),
});

/**
 * Is `postalCode` a postal code of `country` (ISO 3166-1 alpha-2)? Per country by the patterns of
 * the postcode-validator package; a country it has no pattern for accepts any text.
 */
export function isPostalCodeOf(postalCode: string, country: string): boolean {
  if (!postcodeValidatorExistsForCountry(country)) return true;
  return postcodeValidator(postalCode.trim(), country);
}

/**
 * An address as a member writes it: a real ISO 3166-1 alpha-2 country ("GE" is Georgia, so a
 * typed "Germany" is refused, not read as a code) and a postal code of that country.
 */
export const postalAddressSchema = postalAddressFieldsSchema
  .extend({ country: countrySchema })
  .superRefine((a, ctx) => {
    if (!isPostalCodeOf(a.postalCode, a.country))
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `expected a postal code of ${a.country}, got ${JSON.stringify(a.postalCode)}`,
        input: a.postalCode,
      });
  });
export type PostalAddress = z.infer<typeof postalAddressFieldsSchema>;

/** An address book entry's id: 16 random bytes from the cloud, base64url. */
export const addressIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected a 22-character address id');

export const storedAddressSchema = postalAddressFieldsSchema.extend({ id: addressIdSchema });
export type StoredAddress = z.infer<typeof storedAddressSchema>;

/** What the member reads back: the profile and every address, decrypted for the member alone. */
export const personalDataSchema = z.strictObject({
  profile: profileSchema,
  addresses: z.array(storedAddressSchema).max(50),
});
export type PersonalData = z.infer<typeof personalDataSchema>;

/** What a grantee of an address grant reads: the address as it is now, without the member's label. */
export const grantedAddressSchema = postalAddressFieldsSchema
  .omit({ label: true })
  .extend({ id: addressIdSchema });
export type GrantedAddress = z.infer<typeof grantedAddressSchema>;

/** What a grantee of a profile grant reads: the granted fields the member has filled in, no others. */
export const grantedProfileSchema = z.strictObject({
  fields: z.array(profileFieldSchema),
  profile: profileSchema,
});
export type GrantedProfile = z.infer<typeof grantedProfileSchema>;
