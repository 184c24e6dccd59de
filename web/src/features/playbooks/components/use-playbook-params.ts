import { useSearchParams } from 'react-router';

/** `?version=<hash>&basicOnly=true` as the page's state, so a link or a reload shows the same view. */
export function usePlaybookParams() {
  const [params, setParams] = useSearchParams();
  const version = params.get('version') ?? undefined;
  const basicOnly = params.get('basicOnly') === 'true';
  const set = (patch: { version?: string | null; basicOnly?: boolean }) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (patch.version !== undefined) {
          if (patch.version) next.set('version', patch.version);
          else next.delete('version');
        }
        if (patch.basicOnly !== undefined) {
          if (patch.basicOnly) next.set('basicOnly', 'true');
          else next.delete('basicOnly');
        }
        return next;
      },
      { replace: true },
    );
  return { version, basicOnly, set, search: params.toString() };
}
