// Test helper: writes zip bytes by hand, because real zippers (yazl included) refuse to write the hostile
// entries the extractor must refuse.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface CraftedEntry {
  /** Raw bytes allowed, for names that are not valid UTF-8. */
  name: string | Uint8Array;
  data?: string | Uint8Array;
  deflate?: boolean;
  /** Unix mode for the external attributes, e.g. 0o120777 for a symlink; 0o100644 by default. */
  mode?: number;
  /** General purpose flags added to UTF-8 (0x800), e.g. 0x1 for "encrypted". */
  flags?: number;
  /** An uncompressed size to claim instead of the true one. */
  declaredSize?: number;
  crc?: number;
}

interface Prepared {
  name: Buffer;
  body: Buffer;
  flags: number;
  method: number;
  crc: number;
  size: number;
  mode: number;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

export function craftZip(entries: CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const prepared = prepare(entry);
    const local = Buffer.concat([localHeader(prepared), prepared.name, prepared.body]);
    centrals.push(Buffer.concat([centralHeader(prepared, offset), prepared.name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  return Buffer.concat([...locals, central, endOfCentralDirectory(entries.length, central.length, offset)]);
}

export function writeCraftedZip(file: string, entries: CraftedEntry[]): string {
  writeFileSync(file, craftZip(entries));
  return file;
}

function prepare(entry: CraftedEntry): Prepared {
  const data = Buffer.from(entry.data ?? '');
  return {
    name: Buffer.from(entry.name),
    body: entry.deflate ? deflateRawSync(data) : data,
    flags: 0x800 | (entry.flags ?? 0),
    method: entry.deflate ? 8 : 0,
    crc: entry.crc ?? crc32(data),
    size: entry.declaredSize ?? data.length,
    mode: entry.mode ?? 0o100644,
  };
}

/** The fields local and central headers share, from "version needed" to "extra field length". */
function sharedFields(entry: Prepared): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(20, 0);
  fields.writeUInt16LE(entry.flags, 2);
  fields.writeUInt16LE(entry.method, 4);
  fields.writeUInt16LE(0, 6);
  fields.writeUInt16LE(DOS_DATE_1980_01_01, 8);
  fields.writeUInt32LE(entry.crc, 10);
  fields.writeUInt32LE(entry.body.length, 14);
  fields.writeUInt32LE(entry.size, 18);
  fields.writeUInt16LE(entry.name.length, 22);
  fields.writeUInt16LE(0, 24);
  return fields;
}

function localHeader(entry: Prepared): Buffer {
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(0x04034b50, 0);
  return Buffer.concat([signature, sharedFields(entry)]);
}

function centralHeader(entry: Prepared, localOffset: number): Buffer {
  const start = Buffer.alloc(6);
  start.writeUInt32LE(0x02014b50, 0);
  start.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
  const end = Buffer.alloc(14);
  end.writeUInt16LE(0, 0); // comment length
  end.writeUInt16LE(0, 2); // disk number
  end.writeUInt16LE(0, 4); // internal attributes
  end.writeUInt32LE((entry.mode << 16) >>> 0, 6);
  end.writeUInt32LE(localOffset, 10);
  return Buffer.concat([start, sharedFields(entry), end]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  // More than 65,535 entries needs the ZIP64 records (APPNOTE 4.3.14-4.3.15); the classic fields then say 0xFFFF.
  const zip64 = count > 0xffff;
  record.writeUInt16LE(zip64 ? 0xffff : count, 8);
  record.writeUInt16LE(zip64 ? 0xffff : count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  if (!zip64) return record;
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(size), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([end64, locator, record]);
}
