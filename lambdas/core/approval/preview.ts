import type { ActionParams } from '../actions.js';
import type { EffectPreview } from './approval.js';

/** What an effect acts on, as people and capability tokens name it. */
export function targetOf(params: ActionParams): string {
  switch (params.kind) {
    case 'github.create_issue':
      return params.repo;
    case 'github.comment':
    case 'github.label':
    case 'github.close_issue':
      return `${params.repo}#${params.issueNumber}`;
    case 'asana.complete_task':
    case 'asana.reopen_task':
    case 'asana.comment':
      return `asana:${params.asanaGid}`;
    case 'http.post':
      return new URL(params.url).origin;
    case 'notify':
      return `${params.channel}${params.chatId ? `:${params.chatId}` : ''}`;
    case 'github.workflow_dispatch':
      return `${params.repo}:${params.workflow}@${params.ref}`;
    case 'github.approve_workflow_run':
      return `${params.repo}/runs/${params.runId}`;
  }
}

/** The effect exactly as it will happen: every field the effect sends, nothing rephrased. */
export function previewOf(params: ActionParams): EffectPreview {
  const target = targetOf(params);
  switch (params.kind) {
    case 'github.create_issue':
      return {
        kind: params.kind,
        target,
        summary: `Create issue "${params.title}" in ${params.repo}`,
        repo: params.repo,
        title: params.title,
        body: params.body,
        labels: params.labels,
      };
    case 'github.comment':
      return {
        kind: params.kind,
        target,
        summary: `Comment on ${target}`,
        repo: params.repo,
        issueNumber: params.issueNumber,
        body: params.body,
      };
    case 'github.label':
      return {
        kind: params.kind,
        target,
        summary: `Labels on ${target}: ${[...params.add.map((l) => `+${l}`), ...params.remove.map((l) => `-${l}`)].join(' ')}`,
        repo: params.repo,
        issueNumber: params.issueNumber,
        labels: [...params.add.map((l) => `+${l}`), ...params.remove.map((l) => `-${l}`)],
      };
    case 'github.close_issue':
      return {
        kind: params.kind,
        target,
        summary: `Close ${target} as ${params.reason.replace('_', ' ')}`,
        repo: params.repo,
        issueNumber: params.issueNumber,
      };
    case 'asana.complete_task':
      return { kind: params.kind, target, summary: `Complete Asana task ${params.asanaGid}` };
    case 'asana.reopen_task':
      return { kind: params.kind, target, summary: `Reopen Asana task ${params.asanaGid}` };
    case 'asana.comment':
      return {
        kind: params.kind,
        target,
        summary: `Comment on Asana task ${params.asanaGid}`,
        text: params.text,
      };
    case 'http.post':
      return {
        kind: params.kind,
        target,
        summary: `POST a signed JSON body to ${params.url}`,
        url: params.url,
        json: params.body,
      };
    case 'notify':
      return { kind: params.kind, target, summary: `Notify ${target}`, text: params.text };
    case 'github.workflow_dispatch':
      return {
        kind: params.kind,
        target,
        summary: `Run workflow ${params.workflow} on ${params.ref} in ${params.repo}${params.environment ? ` (${params.environment})` : ''}`,
        repo: params.repo,
        workflow: params.workflow,
        ref: params.ref,
        json: params.inputs,
        ...(params.environment ? { environment: params.environment } : {}),
      };
    case 'github.approve_workflow_run':
      return {
        kind: params.kind,
        target,
        summary: `Approve waiting workflow run ${params.runId} in ${params.repo}`,
        repo: params.repo,
        runId: params.runId,
      };
  }
}
