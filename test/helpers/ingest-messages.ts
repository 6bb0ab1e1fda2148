import type { IngestMessage } from '#core/events.js';

/** A small, valid queue message (a GitHub issue closed), as dead-letter tests need one. */
export function issueClosedMessage(deliveryId = 'gh-1', projectId = 'p1'): IngestMessage {
  return {
    deliveryId,
    projectId,
    source: 'github',
    receivedAt: 'now',
    event: {
      type: 'github.issue',
      action: 'closed',
      repo: 'a/b',
      number: 1,
      state: 'closed',
      stateReason: null,
      occurredAt: 'now',
    },
  };
}
