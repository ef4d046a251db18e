import { Alert, Modal, Table } from 'antd';
import type { ImportRowError } from '../api/client';
import { useI18n } from '../i18n';
import type { FieldDef } from './types';

interface Props {
  rows: ImportRowError[] | null;
  summary?: string;
  fields: FieldDef[];
  onClose: () => void;
}

/** The row-by-row report of a rejected import (422 IMPORT_INVALID). */
export function ImportErrors({ rows, summary, fields, onClose }: Props) {
  const { t, tl, pick } = useI18n();
  const labelOf = (name: string | undefined) => {
    if (!name) return '';
    const f = fields.find((x) => x.name === name);
    return f ? tl(f.label) : name;
  };
  return (
    <Modal
      open={!!rows}
      title={t('common.importErrors')}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('common.close')}
      width={720}
      destroyOnHidden
    >
      <div data-testid="import-errors">
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={summary || t('common.importFailed')} />
        <Table
          size="small"
          bordered
          rowKey={(r) => `${r.row}-${r.field ?? ''}-${r.message ?? ''}`}
          dataSource={rows ?? []}
          pagination={(rows?.length ?? 0) > 20 ? { pageSize: 20, size: 'small' } : false}
          columns={[
            { title: t('common.row'), dataIndex: 'row', width: 70, align: 'right' },
            { title: t('common.field'), dataIndex: 'field', width: 140, render: (v: string | undefined) => labelOf(v) },
            { title: t('common.message'), key: 'message', render: (_v, r) => pick(r.message, r.messageEn) },
          ]}
        />
      </div>
    </Modal>
  );
}
