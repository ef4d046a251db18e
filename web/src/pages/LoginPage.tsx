import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/errors';
import { LangSwitch } from '../app/LangSwitch';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { login } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<LoginValues>();

  const submit = async (v: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
      setTimeout(() => document.getElementById('password')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="erp-login">
      <div className="erp-login-lang">
        <LangSwitch />
      </div>
      <Card className="erp-login-card" variant="borderless">
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="login-title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error, i18n)} data-testid="login-error" /> : null}
        <Form form={form} onFinish={(v) => void submit(v)} size="large" autoComplete="on" requiredMark={false}>
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input id="username" name="username" prefix={<UserOutlined />} placeholder={t('login.username')} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password id="password" name="password" prefix={<LockOutlined />} placeholder={t('login.password')} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="btn-login">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
