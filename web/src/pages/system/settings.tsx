import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Spin, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { isDecimalString, normalizeDecimalInput, trimDecimal } from '../../lib/decimal';
import { useFormKeys } from '../../lib/keyboard';

interface Settings {
  defaultPurchasePrice: 'last' | 'catalogue';
  defaultSalesPrice: 'level' | 'last';
  productionStages: string[];
  allowNegativeStock: boolean;
  receiptTolerancePct: string;
}

/** 账套参数: the company settings that change how documents behave. */
export default function SettingsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const ref = useRef<HTMLDivElement>(null);
  const editable = can('settings:edit');
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api<Settings>('/settings'), staleTime: 0 });

  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        ...settings.data,
        receiptTolerancePct: trimDecimal(settings.data.receiptTolerancePct),
        productionStages: (settings.data.productionStages ?? []).join(' '),
      } as never);
  }, [settings.data, form]);

  const save = async () => {
    let v: Settings;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const saved = await api<Settings>('/settings', {
        method: 'PATCH',
        json: {
          ...v,
          receiptTolerancePct: normalizeDecimalInput(String(v.receiptTolerancePct ?? '0')) || '0',
          // Stages are typed in one line, separated by spaces or commas.
          productionStages: String(v.productionStages ?? '')
            .split(/[\s,，、]+/)
            .filter(Boolean),
        },
      });
      qc.setQueryData(['settings'], saved);
      void qc.invalidateQueries({ queryKey: ['default-price'] });
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorText(e, i18n));
      if (e instanceof ApiError) form.setFields([]);
    }
  };

  const onKeyDown = useFormKeys({ containerRef: ref, enabled: editable, onSave: () => void save(), onClose: () => undefined });

  return (
    <div className="erp-page" data-testid="page-settings" ref={ref} onKeyDownCapture={onKeyDown}>
      <Typography.Title level={5}>{t('page.settings')}</Typography.Title>
      {!editable ? <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 12, maxWidth: 720 }} /> : null}
      {settings.isPending ? (
        <Spin />
      ) : settings.isError ? (
        <Typography.Text type="danger">{errorText(settings.error, i18n)}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" disabled={!editable} style={{ maxWidth: 720 }} className="erp-form">
          <Form.Item name="defaultPurchasePrice" label={t('settings.defaultPurchasePrice')} extra={t('settings.defaultPriceHelp')}>
            <Radio.Group
              data-testid="setting-default-price"
              options={[
                { value: 'last', label: t('settings.last') },
                { value: 'catalogue', label: t('settings.catalogue') },
              ]}
            />
          </Form.Item>
          <Form.Item name="defaultSalesPrice" label={t('settings.defaultSalesPrice')}>
            <Radio.Group
              data-testid="setting-default-sales-price"
              options={[
                { value: 'level', label: t('settings.salesLevel') },
                { value: 'last', label: t('settings.salesLast') },
              ]}
            />
          </Form.Item>
          <Form.Item name="productionStages" label={t('settings.productionStages')} extra={t('settings.productionStagesHelp')}>
            <Input id="productionStages" />
          </Form.Item>
          <Form.Item name="allowNegativeStock" label={t('settings.allowNegativeStock')} extra={t('settings.negativeHelp')} valuePropName="checked">
            <Switch id="allowNegativeStock" checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
          <Form.Item
            name="receiptTolerancePct"
            label={t('settings.receiptTolerancePct')}
            extra={t('settings.toleranceHelp')}
            rules={[
              {
                validator: async (_r, v: unknown) => {
                  const s = normalizeDecimalInput(String(v ?? ''));
                  if (s !== '' && !isDecimalString(s, 4)) throw new Error(t('common.decimalInvalid', { field: t('settings.receiptTolerancePct'), scale: 4 }));
                },
              },
            ]}
          >
            <Input id="receiptTolerancePct" inputMode="decimal" style={{ width: 160, textAlign: 'right' }} suffix="%" />
          </Form.Item>
          {editable ? (
            <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} data-testid="btn-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      )}
    </div>
  );
}
