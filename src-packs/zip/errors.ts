export type PackZipErrorCode =
  | 'NOT_A_ZIP'
  | 'PATH_TRAVERSAL'
  | 'ABSOLUTE_PATH'
  | 'BAD_NAME'
  | 'LINK'
  | 'DUPLICATE'
  | 'ENCRYPTED'
  | 'TOO_MANY_ENTRIES'
  | 'FILE_TOO_LARGE'
  | 'TOTAL_TOO_LARGE'
  | 'COMPRESSION_RATIO'
  | 'FILE_TYPE';

/** Why a course pack zip was refused. The message is written for the trainer who has to fix the zip. */
export class PackZipError extends Error {
  override readonly name = 'PackZipError';
  readonly code: PackZipErrorCode;
  /** The entry at fault as named in the zip, or null when the zip as a whole is at fault. */
  readonly entry: string | null;

  constructor(code: PackZipErrorCode, entry: string | null, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.entry = entry;
  }
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}
