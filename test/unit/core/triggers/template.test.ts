import { describe, expect, it } from 'vitest';
import { MissingValueError, renderTemplate, scanPlaceholders } from '#core/triggers/template.js';

describe('trigger templates', () => {
  it('finds every placeholder path in nested strings', () => {
    const { paths, problems } = scanPlaceholders({
      text: 'Deployed {{ task.title }} ({{issue.url}})',
      body: { list: ['{{pr.number}}'] },
    });
    expect([...paths].sort()).toEqual(['issue.url', 'pr.number', 'task.title']);
    expect(problems).toEqual([]);
  });

  it('reports malformed and unbalanced placeholders with their path', () => {
    const { problems } = scanPlaceholders({ a: '{{ task.title + 1 }}', b: 'x {{task.title' });
    expect(problems).toEqual([
      { path: 'params.a', message: 'malformed placeholder {{ task.title + 1 }}' },
      { path: 'params.b', message: 'unbalanced {{ or }}' },
    ]);
  });

  it('substitutes inside text and keeps the type of a whole-string placeholder', () => {
    const out = renderTemplate(
      { text: 'Task {{task.title}} is #{{issue.number}}', issueNumber: '{{issue.number}}', flag: true },
      { 'task.title': 'Dark mode', 'issue.number': 7 },
    );
    expect(out).toEqual({ text: 'Task Dark mode is #7', issueNumber: 7, flag: true });
  });

  it('never evaluates: a value holding braces is inserted as text', () => {
    const out = renderTemplate({ text: '{{task.title}}!' }, { 'task.title': '{{constructor}}' });
    expect(out).toEqual({ text: '{{constructor}}!' });
  });

  it('throws MissingValueError naming the placeholder without a value', () => {
    expect(() => renderTemplate({ n: '{{pr.number}}' }, { 'pr.number': undefined })).toThrow(
      MissingValueError,
    );
    expect(() => renderTemplate({ n: 'x {{toString}}' }, {})).toThrow(/\{\{toString\}\} has no value/);
  });
});
