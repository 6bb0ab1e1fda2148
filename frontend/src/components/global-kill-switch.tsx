import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../api/client';
import { ConfirmButton } from './confirm-button';
import { FormError } from './feedback';

/** The global kill switch: instance admins see and flip it (after confirming); others see it only when on. */
export function GlobalKillSwitch({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const state = useQuery({
    queryKey: ['kill-switch'],
    queryFn: () => get<{ global: boolean }>('/kill-switch'),
    refetchInterval: 30_000,
  });
  const flip = useMutation({
    mutationFn: (on: boolean) => put<{ global: boolean; released: number }>('/kill-switch', { on }),
    onSuccess: (next) => {
      client.setQueryData(['kill-switch'], { global: next.global });
      void client.invalidateQueries({ queryKey: ['projects'] });
    },
  });
  const on = state.data?.global ?? false;
  // People who cannot flip it only need to know when it is on.
  if (!canEdit && !on) return null;
  return (
    <section className={`panel stack${on ? ' panel-bad' : ''}`} aria-labelledby="global-kill-title">
      <h2 id="global-kill-title">Global kill switch</h2>
      <p role="status" data-testid="global-kill-switch">
        {on
          ? 'On: no effect of any project runs; held effects wait.'
          : 'Off: every project runs as its policy allows.'}
        {flip.data &&
          !flip.data.global &&
          flip.data.released > 0 &&
          ` Released ${flip.data.released} held effects.`}
      </p>
      {canEdit && state.data && (
        <div className="row">
          {on ? (
            <ConfirmButton
              label="Switch off globally"
              question="Let effects of every project run again (held ones resume)?"
              confirmLabel="Yes, switch off"
              busy={flip.isPending}
              onConfirm={() => flip.mutate(false)}
            />
          ) : (
            <ConfirmButton
              label="Stop all effects everywhere"
              question="Stop every effect of every project until switched off?"
              confirmLabel="Yes, stop everything"
              busy={flip.isPending}
              danger
              onConfirm={() => flip.mutate(true)}
            />
          )}
        </div>
      )}
      <FormError error={flip.error ?? state.error} />
    </section>
  );
}
