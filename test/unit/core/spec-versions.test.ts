import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import { SPEC_NOTES_LIMIT, specSnapshot } from '#core/task-spec.js';
import { createProjectConfig, createTask, CTX, snapshotEvent } from '../../helpers/factories.js';

const config = createProjectConfig();

describe('TaskSpec versions on the timeline', () => {
  it('records the new version with what changed when only the title changes', () => {
    const { timeline } = decide(createTask(), snapshotEvent({ name: 'Dark mode v2' }), config, CTX);

    expect(timeline.find((e) => e.kind === 'asana.details_changed')?.spec).toEqual({
      version: 2,
      title: 'Dark mode v2',
      notes: createTask().notes,
      changed: ['title'],
    });
  });

  it('records both fields as changed when title and notes change', () => {
    const { timeline } = decide(
      createTask(),
      snapshotEvent({ name: 'New title', notes: 'New notes' }),
      config,
      CTX,
    );

    expect(timeline.find((e) => e.spec)?.spec).toMatchObject({ version: 2, changed: ['title', 'notes'] });
  });

  it('records no version when neither title nor notes changed', () => {
    const task = createTask();
    const { timeline } = decide(
      task,
      snapshotEvent({ name: task.title, notes: task.notes, completed: true }),
      config,
      CTX,
    );

    expect(timeline.some((e) => e.spec)).toBe(false);
  });

  it('cuts long notes and says so', () => {
    const snapshot = specSnapshot({ specVersion: 3, title: 't', notes: 'n'.repeat(SPEC_NOTES_LIMIT + 5) }, [
      'notes',
    ]);

    expect(snapshot.notes).toHaveLength(SPEC_NOTES_LIMIT);
    expect(snapshot.truncated).toBe(true);
  });
});
