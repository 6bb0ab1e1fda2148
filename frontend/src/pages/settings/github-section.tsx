import { SelectField, TextArea, TextField } from '../../components/field';
import { Section, lines, list, useSave, type SectionProps } from './section';

/** The form's GitHub fields, owned by the page so the Asana repo map offers the repos being edited. */
export interface GitHubForm {
  repos: string;
  defaultRepo: string;
  ciWorkflows: string;
}

/** Repositories, the default one, CI workflow names. */
export function GitHubSection({
  settings,
  canEdit,
  github,
  setGithub,
}: SectionProps & { github: GitHubForm; setGithub: (next: GitHubForm) => void }) {
  const save = useSave(settings.slug);
  const repos = lines(github.repos);
  return (
    <Section
      title="GitHub"
      canEdit={canEdit}
      save={save}
      onSave={() =>
        save.mutate({
          github: {
            ...settings.github,
            repos,
            defaultRepo: github.defaultRepo || repos[0],
            defaultBranches: Object.fromEntries(
              repos.map((r) => [r, settings.github.defaultBranches[r] ?? 'main']),
            ),
            ciWorkflows: list(github.ciWorkflows),
          },
        })
      }
    >
      <TextArea
        label="Repositories"
        path="github.repos"
        error={save.error}
        rows={3}
        className="input mono"
        value={github.repos}
        onChange={(e) => setGithub({ ...github, repos: e.target.value })}
        hint="One owner/repo per line."
      />
      <div className="grid-2">
        <SelectField
          label="Default repository"
          path="github.defaultRepo"
          error={save.error}
          value={github.defaultRepo}
          onChange={(e) => setGithub({ ...github, defaultRepo: e.target.value })}
        >
          {repos.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label="CI workflow names"
          path="github.ciWorkflows"
          error={save.error}
          value={github.ciWorkflows}
          onChange={(e) => setGithub({ ...github, ciWorkflows: e.target.value })}
          hint="Comma-separated. Empty: every workflow on the merge commit counts."
        />
      </div>
    </Section>
  );
}
