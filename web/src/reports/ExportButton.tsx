import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download, type Query } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';

/** 导出: the Excel of what the page shows (same filters), for those with the export permission. */
export function ExportButton({
  path,
  query,
  permission,
  fileName,
  testId = 'btn-export',
}: {
  path: string;
  query: Query;
  permission: string;
  /** without .xlsx */
  fileName: string;
  testId?: string;
}) {
  const i18n = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  if (!can(permission)) return null;
  const run = async () => {
    setExporting(true);
    try {
      await download(path, query, `${fileName}.xlsx`);
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} onClick={() => void run()} loading={exporting} data-testid={testId}>
      {i18n.t('common.export')}
    </Button>
  );
}
