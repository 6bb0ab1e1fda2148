import Asana from 'asana';

export interface CreateAsanaClientOptions {
  token: string;
  /** The API root (the sandbox's is `${url}/asana/api/1.0`). @default 'https://app.asana.com/api/1.0' */
  basePath?: string;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
}

/** An asana SDK ApiClient authenticated with a personal access token. */
export function createAsanaClient(options: CreateAsanaClientOptions): Asana.ApiClient {
  const client = new Asana.ApiClient();
  if (options.basePath) client.basePath = options.basePath.replace(/\/+$/, '');
  client.timeout = options.timeoutMs ?? 10_000;
  const auth = client.authentications.token;
  if (!auth) throw new Error('asana SDK has no token authentication');
  auth.accessToken = options.token;
  return client;
}
