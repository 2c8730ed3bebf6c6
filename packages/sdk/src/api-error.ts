/**
 * An error answer of the cloud, from its RFC 9457 problem+json: the same stable `code` the
 * protocol uses, so callers branch on codes, never on message text.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly reasons: readonly { code: string; field?: string; message: string }[] | undefined;
  constructor(status: number, code: string, message: string, field?: string, reasons?: ApiError['reasons']) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.reasons = reasons;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const p = JSON.parse(text) as {
      code?: unknown;
      detail?: unknown;
      title?: unknown;
      field?: unknown;
      reasons?: unknown;
    };
    const code = typeof p.code === 'string' ? p.code : `Http${res.status}`;
    const message =
      typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : res.statusText;
    const field = typeof p.field === 'string' ? p.field : undefined;
    const reasons = Array.isArray(p.reasons) ? (p.reasons as ApiError['reasons']) : undefined;
    return new ApiError(res.status, code, message, field, reasons);
  } catch {
    return new ApiError(res.status, `Http${res.status}`, text.slice(0, 200) || res.statusText);
  }
}
