import { Hono, type Context } from 'hono';
import { SandboxError } from './errors.js';
import type { SandboxControl } from './control.js';

/** The control API under `/sandbox` (see docs/sandbox.md): seeds, scripts, inspects the sandbox. */
export function controlApi(control: SandboxControl): Hono {
  const app = new Hono();
  const body = async (c: Context): Promise<never> => {
    try {
      return (await c.req.json()) as never;
    } catch {
      throw new SandboxError(400, 'Body must be JSON');
    }
  };

  app.post('/repos', async (c) => c.json({ repos: control.seedRepos(await body(c)) }, 201));
  app.post('/asana/projects', async (c) => c.json(control.createProject(await body(c)), 201));
  app.post('/asana/tasks', async (c) => c.json(control.createTask(await body(c)), 201));
  app.patch('/asana/tasks/:gid', async (c) => c.json(control.updateTask(c.req.param('gid'), await body(c))));
  app.delete('/asana/tasks/:gid', (c) => {
    control.deleteTask(c.req.param('gid'));
    return c.body(null, 204);
  });
  app.post('/asana/heartbeat', (c) => c.json(control.heartbeat()));
  app.put('/scripts/issues/:owner/:repo/:number{[0-9]+}', async (c) => {
    const repo = `${c.req.param('owner')}/${c.req.param('repo')}`;
    return c.json(control.setIssueScript(repo, Number(c.req.param('number')), await body(c)));
  });
  app.put('/scripts/:taskGid', async (c) =>
    c.json(control.setTaskScript(c.req.param('taskGid'), await body(c))),
  );
  app.post('/github/hooks', async (c) => c.json(control.registerHook(await body(c)), 201));
  app.post('/github/pulls', async (c) => c.json(control.openPull(await body(c)), 201));
  app.post('/github/pulls/merge', async (c) => c.json(control.mergePull(await body(c))));
  app.post('/github/runs', async (c) => c.json(control.startRun(await body(c)), 201));
  app.post('/faults', async (c) => {
    control.addFault(await body(c));
    return c.body(null, 204);
  });
  app.delete('/faults', (c) => {
    control.clearFaults();
    return c.body(null, 204);
  });
  app.get('/faults', (c) => c.json(control.faults()));
  app.delete('/faults/log', (c) => {
    control.clearFaultLog();
    return c.body(null, 204);
  });
  app.put('/chaos', async (c) => c.json(control.setChaos(await body(c))));
  app.get('/chaos', (c) => c.json(control.getChaos()));
  app.delete('/chaos', (c) => {
    control.clearChaos();
    return c.body(null, 204);
  });
  app.delete('/asana/webhooks/:gid', (c) => c.json(control.deleteAsanaWebhooks({ gid: c.req.param('gid') })));
  app.delete('/asana/webhooks', (c) =>
    c.json(control.deleteAsanaWebhooks({ resource: c.req.query('resource') })),
  );
  app.put('/tokens/:service', async (c) => {
    const { revoked } = (await body(c)) as { revoked?: unknown };
    return c.json(control.setTokenRevoked(c.req.param('service'), revoked));
  });
  app.get('/state', (c) => c.json(control.state()));
  app.get('/calls', (c) => c.json(control.calls()));
  app.delete('/calls', (c) => {
    control.resetCalls();
    return c.body(null, 204);
  });
  app.get('/health', (c) => c.json(control.health()));
  app.post('/reset', (c) => {
    control.reset();
    return c.body(null, 204);
  });

  app.onError((error, c) => {
    if (!(error instanceof SandboxError)) return c.json({ error: { message: error.message } }, 500);
    const issues = error.fields.map((f) => ({ path: f.field, message: f.message }));
    return c.json(
      { error: { message: error.message, ...(issues.length > 0 ? { issues } : {}) } },
      error.status,
    );
  });
  return app;
}
