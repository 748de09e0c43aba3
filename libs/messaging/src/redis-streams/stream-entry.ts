import type { EventEnvelope } from '@propcast/contracts';

/** A stream entry ready for the delivery pipeline. */
export interface StreamEntry {
  id: string;
  /** The `event` field (the JSON envelope), absent when a producer wrote something else. */
  payload: Buffer | undefined;
  deliveryAttempt: number;
}

/** Raw `[id, [field, value, ...]]` pairs as XREADGROUP / XAUTOCLAIM return them (Buffer mode). */
export type RawEntry = [Buffer, Buffer[] | null];

/** Fields written for one event: the JSON envelope plus type and id for eyeballing with redis-cli. */
export function encodeEntry(event: EventEnvelope): string[] {
  return ['event', JSON.stringify(event), 'type', event.type, 'id', event.id];
}

/** Flattens a field map into XADD arguments. */
export function flattenFields(fields: Record<string, string | Buffer>): (string | Buffer)[] {
  return Object.entries(fields).flat();
}

/** Decodes a raw entry; `deliveryAttempt` comes from the caller (1 for new reads, XPENDING for reclaims). */
export function decodeEntry([id, fields]: RawEntry, deliveryAttempt: number): StreamEntry {
  let payload: Buffer | undefined;
  for (let i = 0; fields && i + 1 < fields.length; i += 2) {
    if (fields[i].toString() === 'event') payload = fields[i + 1];
  }
  return { id: id.toString(), payload, deliveryAttempt };
}
