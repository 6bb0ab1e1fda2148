import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, post, put } from '../api/client';
import type { Invite, Member, Role } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorState, FormError, Loading } from '../components/feedback';
import { SelectField, TextField } from '../components/field';
import { useProject } from '../components/project-layout';
import { useSession } from '../session';
import { Time } from '../components/time';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];
const ROLE_HELP =
  'Viewers read; editors act on tasks and approvals; admins also change settings and members.';

function InvitePanel({ slug }: { slug: string }) {
  const client = useQueryClient();
  const [role, setRole] = useState<Role>('editor');
  const [username, setUsername] = useState('');
  const invites = useQuery({
    queryKey: ['invites', slug],
    queryFn: () => get<{ items: Invite[] }>(`/projects/${slug}/invites`),
  });
  const create = useMutation({
    mutationFn: () => post<{ link: string; invite: Invite }>(`/projects/${slug}/invites`, { role }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['invites', slug] }),
  });
  const add = useMutation({
    mutationFn: () => post(`/projects/${slug}/members`, { username, role }),
    onSuccess: () => {
      setUsername('');
      void client.invalidateQueries({ queryKey: ['members', slug] });
    },
  });
  const revoke = useMutation({
    mutationFn: (inviteId: string) => del(`/projects/${slug}/invites/${inviteId}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['invites', slug] }),
  });
  return (
    <section className="panel stack" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite</h2>
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        hint={ROLE_HELP}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <div className="row wrap">
        <button
          type="button"
          className="button button-primary"
          disabled={create.isPending}
          onClick={() => create.mutate()}
        >
          Create invite link
        </button>
      </div>
      {create.data && (
        <div className="notice stack" role="status">
          <p>Send this link to the person you invite. It works once, for 7 days, and is shown only now.</p>
          <div className="endpoint">
            <code className="wrap-anywhere" data-testid="invite-link">
              {create.data.link}
            </code>
            <CopyButton value={create.data.link} label="invite link" />
          </div>
        </div>
      )}
      <FormError error={create.error} />
      <form
        className="row wrap align-end"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate();
        }}
        noValidate
      >
        <TextField
          label="Or add an existing user by username"
          path="username"
          error={add.error}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <button type="submit" className="button" disabled={add.isPending || !username.trim()}>
          Add as {role}
        </button>
      </form>
      <FormError error={add.error} />
      <h3>Invites</h3>
      {invites.isPending && <Loading lines={2} />}
      {invites.data && invites.data.items.length === 0 && <p className="muted">No invites yet.</p>}
      {invites.data && invites.data.items.length > 0 && (
        <ul className="plain">
          {invites.data.items.map((i) => (
            <li key={i.inviteId} className="row wrap">
              <span className="tag">{i.role}</span>
              <span>{i.state === 'used' ? `used by ${i.usedBy ?? '?'}` : i.state}</span>
              <span className="muted small">
                created <Time at={i.createdAt} />
              </span>
              {i.state === 'valid' && (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => revoke.mutate(i.inviteId)}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Members and their roles; admins invite, change roles and remove. */
export function MembersPage() {
  const project = useProject();
  const session = useSession();
  const client = useQueryClient();
  const canEdit = project.role === 'admin';
  const members = useQuery({
    queryKey: ['members', project.slug],
    queryFn: () => get<{ items: Member[] }>(`/projects/${project.slug}/members`),
  });
  const setRole = useMutation({
    mutationFn: (m: { userId: string; role: Role }) =>
      put(`/projects/${project.slug}/members/${m.userId}`, { role: m.role }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['members', project.slug] }),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => del(`/projects/${project.slug}/members/${userId}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['members', project.slug] }),
  });
  return (
    <div className="stack">
      <section className="panel stack" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <p className="muted small">{ROLE_HELP} Instance admins are admins of every project.</p>
        {members.isPending && <Loading lines={3} />}
        {members.isError && <ErrorState error={members.error} onRetry={() => void members.refetch()} />}
        {members.data && members.data.items.length === 0 && (
          <p className="muted">No members yet{canEdit ? ': invite someone below.' : '.'}</p>
        )}
        {members.data && members.data.items.length > 0 && (
          <ul className="plain members">
            {members.data.items.map((m) => (
              <li key={m.userId} className="row wrap">
                <strong>{m.username}</strong>
                {canEdit ? (
                  <select
                    className="input input-inline"
                    aria-label={`Role of ${m.username}`}
                    value={m.role}
                    onChange={(e) => setRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="tag">{m.role}</span>
                )}
                {canEdit && m.userId !== session.data?.user?.userId && (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => remove.mutate(m.userId)}
                  >
                    Remove {m.username}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <FormError error={setRole.error ?? remove.error} />
      </section>
      {canEdit && <InvitePanel slug={project.slug} />}
    </div>
  );
}
