// The member's profile and address book, kept by the cloud encrypted (issue 9). Key: ['personal-data'].
import { useQuery } from '@tanstack/react-query';
import { type PersonalData, parseWith, personalDataSchema } from '@tokenos/protocol';
import { getPersonalData, type Member } from '@tokenos/sdk';
import { countryName } from '../format.ts';

export function usePersonalData(member: Member, enabled = true) {
  return useQuery({
    queryKey: ['personal-data'],
    enabled,
    queryFn: async (): Promise<PersonalData> =>
      parseWith(personalDataSchema, await getPersonalData(member), 'personal data'),
  });
}

/**
 * One line for an address: what the wallet shows in lists and pickers, the country named for `tag`
 * (the reader's language; the browser's by default).
 */
export function addressLine(
  a: {
    lines: readonly string[];
    postalCode: string;
    city: string;
    country: string;
  },
  tag?: string,
): string {
  return [...a.lines, `${a.postalCode} ${a.city}`, countryName(a.country, tag)].join(', ');
}
