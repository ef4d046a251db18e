import { useQuery } from '@tanstack/react-query';
import { rememberMeta } from './catalogue';
import { api } from './client';
import type { Meta } from './types';

export { RESOURCE_TITLES } from './catalogue';

/** GET /meta, cached; reading it also teaches resourceName() the server's resource names. */
export function useMeta(enabled = true) {
  return useQuery({ queryKey: ['meta'], queryFn: () => api<Meta>('/meta').then(rememberMeta), staleTime: 5 * 60_000, enabled });
}
