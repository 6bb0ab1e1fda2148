import { describe, expect, it } from 'vitest';
import {
  healthChanged,
  healthProblems,
  nextHealth,
  redactError,
  type IntegrationHealth,
} from '#core/integration-health.js';

const AT = '2026-11-25T10:00:00.000Z';
const LATER = '2026-11-25T10:05:00.000Z';

function health(overrides: Partial<IntegrationHealth> = {}): IntegrationHealth {
  return {
    projectId: 'p1',
    github: 'ok',
    asana: 'ok',
    asanaWebhooks: { state: 'ok', projectGids: [] },
    checkedAt: AT,
    changedAt: AT,
    ...overrides,
  };
}

describe('healthProblems', () => {
  it('finds none in a healthy project', () => {
    expect(healthProblems(health())).toEqual([]);
  });

  it('names each token and webhook problem in a fixed order', () => {
    const problems = healthProblems(
      health({
        github: 'invalid',
        asana: 'unreachable',
        asanaWebhooks: { state: 'missing', projectGids: ['a1'] },
      }),
    );
    expect(problems).toEqual(['github_token_invalid', 'asana_unreachable', 'asana_webhook_missing']);
  });

  it('reports a missing token and a re-created webhook', () => {
    const problems = healthProblems(
      health({ github: 'missing', asanaWebhooks: { state: 'recreated', projectGids: ['a1'] } }),
    );
    expect(problems).toEqual(['github_token_missing', 'asana_webhook_recreated']);
  });
});

describe('healthChanged', () => {
  it('treats a first healthy record as no change and a first unhealthy one as a change', () => {
    expect(healthChanged(undefined, health())).toBe(false);
    expect(healthChanged(undefined, health({ asana: 'invalid' }))).toBe(true);
  });

  it('ignores the check time and the error text', () => {
    expect(healthChanged(health(), health({ checkedAt: LATER, lastError: 'timeout' }))).toBe(false);
  });

  it('notices a token state or the affected Asana projects changing', () => {
    expect(healthChanged(health(), health({ github: 'invalid' }))).toBe(true);
    const one = health({ asanaWebhooks: { state: 'missing', projectGids: ['a1'] } });
    const two = health({ asanaWebhooks: { state: 'missing', projectGids: ['a1', 'a2'] } });
    expect(healthChanged(one, two)).toBe(true);
  });
});

describe('nextHealth', () => {
  it('keeps changedAt while nothing changes', () => {
    const next = nextHealth(health(), { ...health(), checkedAt: LATER });
    expect(next).toMatchObject({ checkedAt: LATER, changedAt: AT });
  });

  it('moves changedAt when the health changes', () => {
    const next = nextHealth(health(), { ...health({ github: 'invalid' }), checkedAt: LATER });
    expect(next.changedAt).toBe(LATER);
  });

  it('carries the last re-creation time over runs that re-created nothing', () => {
    const previous = health({ asanaWebhooks: { state: 'recreated', projectGids: ['a1'], recreatedAt: AT } });
    const next = nextHealth(previous, { ...health(), checkedAt: LATER });
    expect(next.asanaWebhooks).toEqual({ state: 'ok', projectGids: [], recreatedAt: AT });
  });
});

describe('redactError', () => {
  it('masks known secrets and token-shaped strings', () => {
    // Token-shaped, built at run time so secret scanners do not take the fixture for a real token.
    const token = `${'ghp_'}${'abcdefghijklmnopqrstuvwxyz0123'}`;
    const message = redactError(`Bad credentials for ${token} and s3cr3t-value`, ['s3cr3t-value']);
    expect(message).toBe('Bad credentials for *** and ***');
  });

  it('masks an Asana personal access token', () => {
    expect(redactError('token 2/1234567890/1234567:abcdef0123456789abcdef refused')).not.toContain(
      'abcdef0123456789',
    );
  });

  it('keeps a message to 500 characters', () => {
    expect(redactError('x '.repeat(400))).toHaveLength(500);
  });
});
