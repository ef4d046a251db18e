import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../api/client';
import type { Page, Row } from '../api/types';
import { resourceInfo } from './registry';

export const rowKey = (res: string, id: string) => ['row', res, id] as const;
export const listKey = (res: string, params: Query) => ['list', res, params] as const;
export const refKey = (res: string, q: string) => ['ref', res, q] as const;

export function fetchRow(res: string, id: string): Promise<Row> {
  return api<Row>(`/${resourceInfo(res).path}/${encodeURIComponent(id)}`);
}

export function useRow(res: string, id: string | null | undefined) {
  return useQuery({
    queryKey: rowKey(res, id ?? ''),
    queryFn: () => fetchRow(res, id as string),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useListPage(res: string, params: Query) {
  return useQuery({
    queryKey: listKey(res, params),
    queryFn: ({ signal }) => api<Page>(`/${resourceInfo(res).path}`, { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** After a write: lists, reference options and cached rows of the resource go stale. */
export function invalidateResource(qc: QueryClient, res: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['list', res] }),
    qc.invalidateQueries({ queryKey: ['ref', res] }),
    qc.invalidateQueries({ queryKey: ['row', res] }),
  ]);
}
