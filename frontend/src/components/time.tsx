const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const ABSOLUTE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "3 minutes ago", with the exact time on hover and for assistive technology. */
export function Time({ at }: { at: string }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span>{at}</span>;
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const text =
    abs < 45
      ? RELATIVE.format(seconds, 'second')
      : abs < 2700
        ? RELATIVE.format(Math.round(seconds / 60), 'minute')
        : abs < 79200
          ? RELATIVE.format(Math.round(seconds / 3600), 'hour')
          : abs < 2592000
            ? RELATIVE.format(Math.round(seconds / 86400), 'day')
            : ABSOLUTE.format(date);
  return (
    <time dateTime={at} title={ABSOLUTE.format(date)}>
      {text}
    </time>
  );
}
