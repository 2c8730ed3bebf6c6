import { describe, expect, it } from 'vitest';
import { summarize } from './dashboard.ts';
import { accounts, connected, eur, now, setup, tx } from './testing/budget-app.ts';

describe('connect your bank', () => {
  it('offers the widget under a strict CSP and asks for balances and transactions for 90 days', async () => {
    const { request, json, cloud } = setup();
    const home = await request('/');
    const page = await home.text();
    expect(page).toContain('See all your money in one place');
    expect(page).toContain('integrity="sha384-xyz"');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style="/);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self' http://localhost:4000");
    const res = await json('/api/connect', {});
    expect(res.status).toBe(201);
    expect(cloud.requests[0]).toMatchObject({ days: 90, redirectUrl: 'http://localhost:5175/' });
  });

  it('shows accounts, balances, totals and transactions once the grant is verified', async () => {
    const { request } = await connected();
    const page = await (await request('/')).text();
    expect(page).toContain('Your money');
    expect(page).toContain('Current account');
    expect(page).toContain('**** 1234');
    expect(page).toContain('€1,487.50');
    expect(page).toContain('€6,487.50');
    expect(page).toContain('Demo Shop order 7F3K');
    expect(page).toContain('−€12.50');
  });

  it('greets the user by name only when they shared it in the grant, escaped', async () => {
    const { request, cloud } = await connected();
    expect(await (await request('/')).text()).toContain('<h1>Your money</h1>');
    cloud.sharedName = 'Alice <b>Liddell</b>';
    const page = await (await request('/')).text();
    expect(page).toContain('<h1>Alice &lt;b&gt;Liddell&lt;/b&gt;, your money</h1>');
  });

  it('refuses a forged result, another session’s result and a replay', async () => {
    const { json, cloud, browser } = setup();
    await json('/api/connect', {});
    expect(
      (await json('/api/connect/complete', { result: { ...cloud.resultFor(1), signature: 'x' } })).status,
    ).toBe(403);
    const other = browser();
    await other.json('/api/connect', {});
    expect((await other.json('/api/connect/complete', { result: cloud.resultFor(1) })).status).toBe(403);
    expect((await json('/api/connect/complete', { result: cloud.resultFor(1) })).status).toBe(200);
    expect((await json('/api/connect/complete', { result: cloud.resultFor(1) })).status).toBe(409);
  });

  it('refuses a POST from another origin', async () => {
    const { request } = setup();
    const res = await request('/api/connect', { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });
});

describe('when the grant ends', () => {
  it('revoked in the wallet: the app says so plainly and offers to reconnect', async () => {
    const { request, json, cloud } = await connected();
    cloud.revoked.add(`${'G'.repeat(42)}1`);
    const res = await request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Your bank connection was turned off');
    expect(page).toContain('You revoked Tally’s access in your Token wallet');
    expect(page).toContain('Reconnect your bank');
    expect(page).not.toContain('€1,487.50');
    // Reconnecting is a new request and a new grant.
    await json('/api/connect', {});
    await json('/api/connect/complete', { result: cloud.resultFor(2) });
    expect(await (await request('/')).text()).toContain('€1,487.50');
  });

  it('narrowed in the wallet: the app follows the grant that replaced it', async () => {
    const { request, cloud } = await connected();
    const old = `${'G'.repeat(42)}1`;
    cloud.revoked.add(old);
    cloud.replaced.set(old, `${'N'.repeat(42)}1`);
    const page = await (await request('/')).text();
    expect(page).toContain('Your money');
    expect(page).toContain('€1,487.50');
    // The replacement is revoked in turn: now the app says so.
    cloud.revoked.add(`${'N'.repeat(42)}1`);
    expect(await (await request('/')).text()).toContain('Your bank connection was turned off');
  });

  it('a part the grant does not cover is shown as not shared, the rest still works', async () => {
    const { request, cloud } = await connected();
    cloud.balanceRefused = true;
    const page = await (await request('/')).text();
    expect(page).toContain('Balance not shared');
    expect(page).toContain('Demo Shop order 7F3K');
  });

  it('disconnect ends the grant at the cloud and forgets it', async () => {
    const { request, cloud } = await connected();
    expect((await request('/disconnect', { method: 'POST' })).status).toBe(303);
    expect(cloud.disconnected).toEqual([`${'G'.repeat(42)}1`]);
    expect(await (await request('/')).text()).toContain('See all your money in one place');
  });
});

describe('totals', () => {
  it('sum balances and the last 30 days of money in and out, exactly', () => {
    const totals = summarize(
      [
        {
          ...accounts[0]!,
          balance: {
            accountRef: 'a',
            booked: { value: '-0.10', currency: 'EUR' },
            available: eur('0.00'),
            asOf: now,
          },
        },
        {
          ...accounts[1]!,
          balance: { accountRef: 'b', booked: eur('0.30'), available: eur('0.30'), asOf: now },
        },
      ],
      [
        { ...tx('1', '0.10', 'CRDT', 1, ''), accountName: 'a' },
        { ...tx('2', '0.20', 'CRDT', 2, ''), accountName: 'a' },
        { ...tx('3', '0.05', 'DBIT', 3, ''), accountName: 'a' },
        { ...tx('4', '99.00', 'DBIT', 31, 'too old'), accountName: 'a' },
        { ...tx('5', '7.00', 'DBIT', 0, 'pending'), status: 'PDNG', accountName: 'a' },
      ],
      now,
    );
    expect(totals).toEqual([{ currency: 'EUR', balance: '0.20', moneyIn: '0.30', moneyOut: '0.05' }]);
  });
});
