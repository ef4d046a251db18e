import { Form, Input } from 'antd';
import { useI18n } from '../../../i18n';
import type { DocView } from '../../api';
import { textOrNull } from '../../layout';
import { OneStepApproval } from '../../OneStepApproval';
import type { KindUi, PanelProps } from '../types';

/** S7 验货: the warehouse notes the condition on arrival and sets each line to the accepted qty. */
function Inspection({ editable, doc }: { editable: boolean; doc: DocView | undefined }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="inspection"
      label={t('return.inspection')}
      className="erp-doc-remark"
      extra={editable && doc ? t('return.inspectionHint') : undefined}
      data-testid="return-inspection"
    >
      <Input.TextArea
        id="inspection"
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={500}
        placeholder={editable ? t('return.inspectionPlaceholder') : undefined}
      />
    </Form.Item>
  );
}

function PrintInspection({ doc }: { doc: DocView }) {
  const { t } = useI18n();
  return (
    <div className="print-remark" data-testid="print-inspection">
      {t('return.inspection')}: {doc.inspection ?? ''}
    </div>
  );
}

// every return waits for one approval (S7); the 验货情况 sits in the form, editable until audited
const ReturnApproval = (p: PanelProps) => <OneStepApproval {...p} required hint="approval.returnNeeds" />;

const ui: KindUi = {
  AfterLines: Inspection,
  initial: (doc) => ({ inspection: doc?.inspection ?? '' }),
  validate: ['inspection'],
  body: (v) => ({ inspection: textOrNull(v.inspection) }),
  panels: [ReturnApproval],
  PrintAfterWords: PrintInspection,
};

export default ui;
