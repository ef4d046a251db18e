// The header fields every money document (预付款 / 预收款, 结算 / 收款) has beside its
// partner: the settlement account, the date and the employee.
import { Col, Form } from 'antd';
import { DateInput } from '../crud/FieldInput';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { type MsgKey, useI18n } from '../i18n';

/** A required field's rule, in the user's language. */
export function useRequiredRule() {
  const { t } = useI18n();
  return (key: MsgKey) => [{ required: true, message: t('common.required', { field: t(key) }) }];
}

export function MoneyDocFields({ labels }: { labels: Record<string, string> }) {
  const { t } = useI18n();
  const required = useRequiredRule();
  return (
    <>
      <Col xs={12} md={6} xl={5}>
        <Form.Item name="accountId" label={t('doc.account')} rules={required('doc.account')}>
          <ReferenceSelect id="accountId" resource="accounts" knownLabels={labels} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="date" label={t('doc.date')} rules={required('doc.date')}>
          <DateInput id="date" allowClear={false} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} xl={5}>
        <Form.Item name="employeeId" label={t('doc.employee')}>
          <ReferenceSelect id="employeeId" resource="employees" knownLabels={labels} />
        </Form.Item>
      </Col>
    </>
  );
}
