import type { ProjectConfig } from './project-config.js';
import type { Task } from './task.js';
import type { SpecSnapshot } from './timeline.js';

/** Notes longer than this are cut in a spec version (a timeline entry stays well under DynamoDB's item limit). */
export const SPEC_NOTES_LIMIT = 8_000;

/** The spec version a task is at now, for its timeline: what the agent's issue is rendered from. */
export function specSnapshot(
  task: Pick<Task, 'specVersion' | 'title' | 'notes'>,
  changed: SpecSnapshot['changed'],
): SpecSnapshot {
  const truncated = task.notes.length > SPEC_NOTES_LIMIT;
  return {
    version: task.specVersion,
    title: task.title,
    notes: truncated ? task.notes.slice(0, SPEC_NOTES_LIMIT) : task.notes,
    changed,
    ...(truncated && { truncated }),
  };
}

/** Title and body of the GitHub issue that hands a task to the coding agent. */
export interface TaskSpec {
  title: string;
  body: string;
}

/** The hidden marker that lets a retried create find the issue it already made. */
export function taskMarker(taskId: string): string {
  return `<!-- autoflow:task=${taskId} -->`;
}

/** Renders the issue for a task: Asana link, task, acceptance, project context, marker, agent command last. */
export function renderTaskSpec(
  task: Pick<Task, 'taskId' | 'asanaGid' | 'title' | 'notes' | 'asanaUrl'>,
  config: ProjectConfig,
): TaskSpec {
  const sections: string[] = [];
  if (task.asanaUrl) sections.push(`Asana task: ${task.asanaUrl}`);
  sections.push('## Task', task.notes.trim() || '_No description in Asana._');
  sections.push('## Acceptance', extractAcceptance(task.notes) ?? 'See task description');
  const context = renderContext(config.context);
  if (context) sections.push('## Project context', context);
  sections.push(taskMarker(task.taskId), config.github.agentCommand);
  return { title: task.title.trim() || `Asana task ${task.asanaGid}`, body: sections.join('\n\n') };
}

const ACCEPTANCE_LINE = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?acceptance\b/i;
const HEADING = /^\s*#{1,6}\s/;
// A plain-text label such as "Notes:" on its own line starts the next section.
const LABEL = /^\s*[A-Za-z][\w ]{0,40}:\s*$/;

/** The lines under an "Acceptance…" heading or line in the notes, up to the next heading; undefined when absent. */
export function extractAcceptance(notes: string): string | undefined {
  const lines = notes.split(/\r?\n/);
  const start = lines.findIndex((line) => ACCEPTANCE_LINE.test(line));
  if (start < 0) return undefined;
  const headline = lines[start] ?? '';
  const colon = headline.indexOf(':');
  const inline =
    colon < 0
      ? ''
      : headline
          .slice(colon + 1)
          .replace(/\*\*|__/g, '')
          .trim();
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => HEADING.test(line) || LABEL.test(line));
  const body = [inline, ...(end < 0 ? rest : rest.slice(0, end))];
  const text = body.join('\n').trim();
  return text === '' ? undefined : text;
}

function renderContext(context: ProjectConfig['context']): string {
  const parts: string[] = [];
  if (context.links.length > 0) {
    parts.push(['### Links', ...context.links.map((link) => `- [${link.title}](${link.url})`)].join('\n'));
  }
  if (context.contacts.length > 0) {
    const lines = context.contacts.map(
      (c) => `- ${c.name}${c.role ? ` (${c.role})` : ''}${c.email ? ` <${c.email}>` : ''}`,
    );
    parts.push(['### Contacts', ...lines].join('\n'));
  }
  if (context.notes.length > 0) {
    parts.push(
      ['### Notes', ...context.notes.map((note) => `#### ${note.title}\n\n${note.body.trim()}`)].join('\n\n'),
    );
  }
  return parts.join('\n\n');
}
