/** A small fetch wrapper for e2e tests: JSON in, status + parsed body out. */
export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function login(
  baseUrl: string,
  email: string,
  password: string,
  clientAddress?: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await http(baseUrl, 'POST', '/api/auth/login', {
    body: { email, password },
    headers: clientAddress ? { 'x-forwarded-for': clientAddress } : {},
  });
  if (res.status !== 200) throw new Error(`login(${email}) failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
