import { Hono } from 'hono';

/** One request a sink received, as outbound webhook tests read it back. */
export interface SinkDelivery {
  at: string;
  headers: Record<string, string>;
  body: string;
}

const KEEP = 100;

/**
 * An HTTP sink for outbound webhooks (`http.post`, Slack-style `notify`): `POST /sink/:name` records
 * the request and answers 200; `GET /sink/:name` lists what it got, newest last. In memory only.
 */
export function sinkRoutes(): Hono {
  const app = new Hono();
  const sinks = new Map<string, SinkDelivery[]>();

  app.post('/:name', async (c) => {
    const name = c.req.param('name');
    const list = sinks.get(name) ?? [];
    list.push({ at: new Date().toISOString(), headers: c.req.header(), body: await c.req.text() });
    sinks.set(name, list.slice(-KEEP));
    return c.json({ ok: true });
  });

  app.get('/:name', (c) => c.json({ deliveries: sinks.get(c.req.param('name')) ?? [] }));
  return app;
}
