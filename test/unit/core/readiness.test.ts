import { describe, expect, it } from 'vitest';
import type { IntegrationHealth } from '#core/integration-health.js';
import { readinessReport } from '#core/readiness.js';

const ALL_UP = { store: true, queue: true, secrets: true };

function health(projectId: string, overrides: Partial<IntegrationHealth> = {}): IntegrationHealth {
  return {
    projectId,
    github: 'ok',
    asana: 'ok',
    asanaWebhooks: { state: 'ok', projectGids: [] },
    checkedAt: '2026-11-25T10:00:00.000Z',
    changedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe('readinessReport', () => {
  it('is ready when the instance and every project are healthy', () => {
    const report = readinessReport(ALL_UP, [health('p1')]);
    expect(report).toEqual({
      status: 'ready',
      checks: {
        ...ALL_UP,
        integrations: [
          {
            projectId: 'p1',
            github: 'ok',
            asana: 'ok',
            asanaWebhooks: 'ok',
            checkedAt: '2026-11-25T10:00:00.000Z',
            problems: [],
          },
        ],
      },
    });
  });

  it("is only degraded when one project's token stopped working", () => {
    const report = readinessReport(ALL_UP, [health('p1'), health('p2', { github: 'invalid' })]);
    expect(report.status).toBe('degraded');
    expect(report.checks.integrations[1]?.problems).toEqual(['github_token_invalid']);
  });

  it('is not ready when the store, the queue or the secrets fail', () => {
    for (const failing of ['store', 'queue', 'secrets'] as const) {
      const report = readinessReport({ ...ALL_UP, [failing]: false }, []);
      expect(report.status).toBe('not_ready');
      expect(report.checks[failing]).toBe(false);
    }
  });
});
