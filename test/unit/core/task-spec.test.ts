import { describe, expect, it } from 'vitest';
import { extractAcceptance, renderTaskSpec, taskMarker } from '#core/task-spec.js';
import { createProjectConfig, createTask, TASK_ID } from '../../helpers/factories.js';

describe('renderTaskSpec', () => {
  it('renders the Asana link, task, acceptance, marker and the agent command as the last line', () => {
    // Prepare
    const task = createTask({ notes: 'Make it dark.\n\nAcceptance:\n- toggle in settings\n- persists' });

    // Act
    const spec = renderTaskSpec(task, createProjectConfig());

    // Assess
    expect(spec.title).toBe('Add dark mode');
    expect(spec.body).toContain(`Asana task: ${task.asanaUrl}`);
    expect(spec.body).toContain('## Task\n\nMake it dark.');
    expect(spec.body).toContain('## Acceptance\n\n- toggle in settings\n- persists');
    expect(spec.body).toContain(taskMarker(TASK_ID));
    expect(spec.body.split('\n').at(-1)).toBe('/opencode implement');
  });

  it('says "See task description" when the notes have no acceptance part', () => {
    const spec = renderTaskSpec(createTask({ notes: 'Just do it.' }), createProjectConfig());

    expect(spec.body).toContain('## Acceptance\n\nSee task description');
  });

  it('ends with the configured agent command', () => {
    const spec = renderTaskSpec(createTask(), createProjectConfig({ github: { agentCommand: '/agent go' } }));

    expect(spec.body.endsWith('\n/agent go')).toBe(true);
  });

  it('renders the project context and omits its empty parts', () => {
    // Prepare
    const config = createProjectConfig({
      context: {
        links: [{ title: 'Design', url: 'https://example.com/design' }],
        contacts: [{ name: 'Ada', role: 'lead', email: 'ada@example.com' }, { name: 'Bob' }],
      },
    });

    // Act
    const { body } = renderTaskSpec(createTask(), config);

    // Assess
    expect(body).toContain('## Project context');
    expect(body).toContain('### Links\n- [Design](https://example.com/design)');
    expect(body).toContain('### Contacts\n- Ada (lead) <ada@example.com>\n- Bob');
    expect(body).not.toContain('### Notes');
  });

  it('renders context notes under their titles', () => {
    const config = createProjectConfig({ context: { notes: [{ title: 'Stack', body: 'React 19\n' }] } });

    expect(renderTaskSpec(createTask(), config).body).toContain('### Notes\n\n#### Stack\n\nReact 19');
  });

  it('omits the project context section when the context is empty', () => {
    expect(renderTaskSpec(createTask(), createProjectConfig()).body).not.toContain('## Project context');
  });

  it('omits the Asana link when the task has none and falls back to a title from the gid', () => {
    const spec = renderTaskSpec(
      createTask({ asanaUrl: undefined, title: ' ', notes: '' }),
      createProjectConfig(),
    );

    expect(spec.body).not.toContain('Asana task:');
    expect(spec.body).toContain('_No description in Asana._');
    expect(spec.title).toMatch(/^Asana task \d+$/);
  });
});

describe('taskMarker', () => {
  it('is a hidden HTML comment naming the task', () => {
    expect(taskMarker('T1')).toBe('<!-- autoflow:task=T1 -->');
  });
});

describe('extractAcceptance', () => {
  it('takes the lines under a markdown heading up to the next heading', () => {
    expect(extractAcceptance('Intro\n## Acceptance criteria\n- a\n- b\n## Notes\nx')).toBe('- a\n- b');
  });

  it('keeps text after the colon on the acceptance line', () => {
    expect(extractAcceptance('**Acceptance:** it works\nand is fast')).toBe('it works\nand is fast');
  });

  it('stops at a plain-text label line', () => {
    expect(extractAcceptance('Acceptance:\n- a\n\nNotes:\nignore me')).toBe('- a');
  });

  it('returns undefined without an acceptance line or with an empty one', () => {
    expect(extractAcceptance('Nothing here')).toBeUndefined();
    expect(extractAcceptance('Acceptance:\n\n## Next')).toBeUndefined();
  });
});
