import { useMutation, useQueryClient } from '@tanstack/react-query';
import { put } from '../api/client';
import type { KillSwitch } from '../api/types';
import { ConfirmButton } from './confirm-button';
import { FormError } from './feedback';
import { projectKey } from './project-layout';

/** A project's kill switch: its state for everyone; project admins flip it, after confirming. */
export function KillSwitchPanel({
  slug,
  state,
  canEdit,
}: {
  slug: string;
  state: KillSwitch;
  canEdit: boolean;
}) {
  const client = useQueryClient();
  const flip = useMutation({
    mutationFn: (on: boolean) =>
      put<KillSwitch & { released: number }>(`/projects/${slug}/kill-switch`, { on }),
    onSuccess: () => void client.invalidateQueries({ queryKey: projectKey(slug) }),
  });
  return (
    <section className="panel stack" aria-labelledby="kill-title">
      <h2 id="kill-title">Kill switch</h2>
      <p role="status">
        {state.project
          ? 'On: no effect of this project runs; held effects wait.'
          : 'Off: effects run as policy allows.'}
        {state.global && ' The global kill switch is on as well.'}
        {flip.data &&
          !flip.data.project &&
          flip.data.released > 0 &&
          ` Released ${flip.data.released} held effects.`}
      </p>
      {canEdit && (
        <div className="row">
          {state.project ? (
            <ConfirmButton
              label="Switch off"
              question="Let this project's effects run again (held ones resume)?"
              confirmLabel="Yes, switch off"
              busy={flip.isPending}
              onConfirm={() => flip.mutate(false)}
            />
          ) : (
            <ConfirmButton
              label="Switch on (stop all effects)"
              question="Stop every effect of this project until switched off?"
              confirmLabel="Yes, stop effects"
              busy={flip.isPending}
              danger
              onConfirm={() => flip.mutate(true)}
            />
          )}
        </div>
      )}
      <FormError error={flip.error} />
    </section>
  );
}
