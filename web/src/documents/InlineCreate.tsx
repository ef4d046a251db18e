import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useMemo, useRef } from 'react';
import type { Row } from '../api/types';
import { useSession } from '../app/session';
import { rowKey } from '../crud/queries';
import { ResourceForm } from '../crud/ResourceForm';
import type { ResourceDef } from '../crud/types';
import { useI18n } from '../i18n';
import { employeesDef } from '../resources/employees';
import { productsDef } from '../resources/products';
import { suppliersDef } from '../resources/suppliers';

/** P5: what a clerk may create without leaving the bill. */
export type InlineResource = 'suppliers' | 'products' | 'employees';

const DEFS: Record<InlineResource, ResourceDef> = { suppliers: suppliersDef, products: productsDef, employees: employeesDef };

interface Props {
  resource: InlineResource | null;
  onClose: () => void;
  onCreated: (resource: InlineResource, row: Row) => void;
}

/** The resource's own form, in a modal above the document; the new row is then selected. */
export function InlineCreate({ resource, onClose, onCreated }: Props) {
  const qc = useQueryClient();
  const nonce = useRef(0);
  const target = useMemo(() => (resource ? { mode: 'create' as const, nonce: ++nonce.current } : null), [resource]);
  if (!resource) return null;
  return (
    <ResourceForm
      def={DEFS[resource]}
      target={target}
      asModal
      onClose={onClose}
      onSaved={(row) => {
        qc.setQueryData(rowKey(resource, row.id), row);
        onCreated(resource, row);
        onClose();
      }}
    />
  );
}

/** "supplier" / "供应商": the noun of what InlineCreate makes. */
export const inlineNoun = (resource: InlineResource) => DEFS[resource].noun;

/** The small "+" beside a select that opens InlineCreate. */
export function AddButton({ resource, onClick }: { resource: InlineResource; onClick: () => void }) {
  const { t, tl } = useI18n();
  const { can } = useSession();
  if (!can(`${resource}:create`)) return null;
  return (
    <Tooltip title={t('doc.addNew', { res: tl(DEFS[resource].noun) })}>
      <Button
        icon={<PlusOutlined />}
        tabIndex={-1}
        onClick={onClick}
        data-testid={`btn-new-${resource}`}
        aria-label={t('doc.addNew', { res: tl(DEFS[resource].noun) })}
      />
    </Tooltip>
  );
}
