/** The dashboard's calls to /dashboard/api/*: JSON in and out, errors as the hub's `{ error, message }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export async function call<T>(path: string, init: { body?: unknown; zip?: ArrayBuffer } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | null = null;
  if (init.zip) {
    headers['content-type'] = 'application/zip';
    body = init.zip;
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(`/dashboard/api/${path}`, {
    method: body === null ? 'GET' : 'POST',
    headers,
    body,
    credentials: 'same-origin',
  });
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      String(json?.['error'] ?? 'error'),
      String(json?.['message'] ?? `The hub answered ${response.status}.`),
      Array.isArray(json?.['problems']) ? (json['problems'] as string[]) : [],
    );
  }
  return json as T;
}

export function query(params: Record<string, string>): string {
  const filled = Object.entries(params).filter(([, value]) => value !== '');
  return filled.length > 0 ? `?${new URLSearchParams(filled).toString()}` : '';
}

export function when(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
