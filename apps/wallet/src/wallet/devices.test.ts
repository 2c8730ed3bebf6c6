import type { KeyEntry } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { groupDevices } from './devices.ts';

const key = (id: string, level: KeyEntry['level']): KeyEntry => ({
  id,
  algorithm: 'Ed25519',
  publicKey: 'AAAA',
  level,
});

describe('groupDevices', () => {
  it('groups keys by the pairing that added them; unnamed keys are the first device', () => {
    const keys = [key('a1', 'LOW'), key('a2', 'PRIVILEGED'), key('b1', 'PRIVILEGED'), key('b2', 'LOW')];
    const devices = groupDevices(
      keys,
      [
        { keyId: 'a1', lastUsedAt: 50 },
        { keyId: 'b1', deviceId: 'p1', deviceName: 'Laptop', addedAt: 100, lastUsedAt: 300 },
        { keyId: 'b2', deviceId: 'p1', deviceName: 'Laptop', addedAt: 100, lastUsedAt: 200 },
        { keyId: 'gone', deviceId: 'p2', deviceName: 'Removed', addedAt: 10 },
      ],
      new Set(['b1']),
    );
    expect(devices).toEqual([
      {
        id: 'p1',
        name: 'Laptop',
        addedAt: 100,
        lastUsedAt: 300,
        keyIds: ['b1', 'b2'],
        levels: ['LOW', 'PRIVILEGED'],
        thisDevice: true,
      },
      { id: 'first', lastUsedAt: 50, keyIds: ['a1', 'a2'], levels: ['LOW', 'PRIVILEGED'], thisDevice: false },
    ]);
  });
});
