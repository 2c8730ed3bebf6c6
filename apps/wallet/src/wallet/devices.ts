// "Your devices": the member's keys from its directory, grouped by the device each was made on
// (the cloud remembers which pairing added which key; keys from before pairing belong to the
// device that created the wallet).
import type { KeyEntry, KeyLevel } from '@tokenos/protocol';
import type { DeviceKey } from '@tokenos/sdk';

export interface Device {
  id: string;
  /** Absent for the device that made the wallet: it was never named. */
  name?: string;
  addedAt?: number;
  lastUsedAt?: number;
  keyIds: string[];
  levels: KeyLevel[];
  thisDevice: boolean;
}

const firstDevice = 'first';
const order: KeyLevel[] = ['LOW', 'STANDARD', 'PRIVILEGED'];

export function groupDevices(
  keys: readonly KeyEntry[],
  named: readonly DeviceKey[],
  onThisDevice: ReadonlySet<string>,
): Device[] {
  const byKey = new Map(named.map((k) => [k.keyId, k]));
  const devices = new Map<string, Device>();
  for (const key of keys) {
    const info = byKey.get(key.id);
    const id = info?.deviceId ?? firstDevice;
    const device = devices.get(id) ?? { id, keyIds: [], levels: [], thisDevice: false };
    if (info?.deviceName) device.name = info.deviceName;
    if (info?.addedAt !== undefined) device.addedAt = info.addedAt;
    if (info?.lastUsedAt !== undefined && (device.lastUsedAt ?? 0) < info.lastUsedAt)
      device.lastUsedAt = info.lastUsedAt;
    device.keyIds.push(key.id);
    if (!device.levels.includes(key.level)) device.levels.push(key.level);
    device.thisDevice ||= onThisDevice.has(key.id);
    devices.set(id, device);
  }
  for (const d of devices.values()) d.levels.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  // This device first, then the others oldest first (the first device has no date: it was first).
  return [...devices.values()].sort(
    (a, b) => Number(b.thisDevice) - Number(a.thisDevice) || (a.addedAt ?? 0) - (b.addedAt ?? 0),
  );
}
