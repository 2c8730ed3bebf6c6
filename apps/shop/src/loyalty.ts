import { createTranslator, type Locale } from '@tokenos/i18n';
import { aliasValueSchema } from '@tokenos/protocol';
import { createMemberOnBehalf, isApiError, type Member } from '@tokenos/sdk';
import { type Html, html, localTime } from '@tokenos/web-kit';
import { type Context, Hono } from 'hono';
import { ShopError } from './checkout.ts';
import { loyaltyMessages } from './loyalty.messages.ts';
import { timeLocale } from './pages.ts';

/**
 * The loyalty club (issue 9): the shop's backend creates a member on the customer's behalf for the
 * email they give, with a loyalty-only member token the shop holds. The member has no keys and the
 * token moves no money; the customer claims the member in the Token wallet with a code sent to
 * that email, and from then on it is theirs.
 */
export interface LoyaltyClub {
  /** Set once the shop's member is ready; until then sign-ups are refused. */
  member: Member | undefined;
  currency: 'EUR';
}

export interface LoyaltySignUp {
  memberId: string;
  loyaltyId: string;
  claimBy: number;
}

export async function signUpForLoyalty(club: LoyaltyClub, email: string): Promise<LoyaltySignUp> {
  const merchant = club.member;
  if (!merchant)
    throw new ShopError(503, 'Unavailable', 'The loyalty club is still starting. Try again in a moment.', {
      words: { key: 'clubStarting' },
    });
  const alias = aliasValueSchema.safeParse({ type: 'EMAIL', value: email.trim() });
  if (!alias.success)
    throw new ShopError(400, 'Malformed', 'Enter an email address such as ann@example.com.', {
      words: { key: 'emailInvalid' },
    });
  try {
    const { member, memberToken } = await createMemberOnBehalf(merchant, {
      alias: alias.data,
      limitations: { currency: club.currency, merchantId: merchant.id },
      metadata: [{ key: 'programme', value: 'Coffee club' }],
    });
    if (!memberToken.loyaltyId || !member.custody) throw new Error('the cloud made no loyalty id');
    return { memberId: member.memberId, loyaltyId: memberToken.loyaltyId, claimBy: member.custody.claimBy };
  } catch (e) {
    if (isApiError(e))
      // The page shows this message: plain words, the cloud's own message stays in the cause.
      throw new ShopError(
        502,
        'Upstream',
        'The Token cloud could not sign you up. Check the email address and try again.',
        { cause: e, words: { key: 'clubSignUpFailed' } },
      );
    throw e;
  }
}

function signUpPage(locale: Locale): Html {
  const t = createTranslator(loyaltyMessages, locale);
  return html`<h1>${t('joinHeading')}</h1>
<p class="lede">${t('joinLede')}</p>
<form method="post" action="/loyalty" class="loyalty">
  <p><label for="loyalty-email">${t('email')}</label><br>
  <input id="loyalty-email" name="email" type="email" autocomplete="email" required maxlength="254"></p>
  <button class="button" type="submit">${t('join')}</button>
</form>`;
}

function joinedPage(joined: LoyaltySignUp, email: string, walletOrigin: string, locale: Locale): Html {
  const t = createTranslator(loyaltyMessages, locale);
  const claimUrl = `${walletOrigin}/claim?email=${encodeURIComponent(email)}`;
  return html`<h1>${t('welcome')}</h1>
<p class="notice" role="status">${t('open')}</p>
<dl class="facts">
  <div><dt>${t('loyaltyId')}</dt><dd class="mono" data-testid="loyalty-id">${joined.loyaltyId}</dd></div>
  <div><dt>${t('email')}</dt><dd>${email}</dd></div>
  <div><dt>${t('claimBy')}</dt><dd>${localTime(joined.claimBy, 'date', timeLocale(locale))}</dd></div>
</dl>
<p>${t('claimExplain', { email })}</p>
<p><a class="button" href="${claimUrl}">${t('claim')}</a></p>`;
}

/** GET /loyalty: the form; POST /loyalty: the sign-up. `render` wraps a body in the shop's layout. */
export function loyaltyRoutes<E extends { locale: Locale }>(o: {
  club: LoyaltyClub;
  walletOrigin: string;
  render: (c: Context<{ Variables: E }>, title: string, body: Html) => Response | Promise<Response>;
}): Hono<{ Variables: E }> {
  const app = new Hono<{ Variables: E }>();
  const title = (c: Context<{ Variables: E }>) => createTranslator(loyaltyMessages, c.get('locale'))('title');
  app.get('/', (c) => o.render(c, title(c), signUpPage(c.get('locale'))));
  app.post('/', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const joined = await signUpForLoyalty(o.club, email);
    return o.render(c, title(c), joinedPage(joined, email, o.walletOrigin, c.get('locale')));
  });
  return app;
}
