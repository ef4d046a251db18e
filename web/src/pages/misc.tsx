import { Button, Card, Col, Result, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { modules } from '../app/routes';
import { useCurrentSession, useSession } from '../app/session';
import { type MsgKey, useI18n } from '../i18n';

export function HomePage() {
  const { t } = useI18n();
  const s = useCurrentSession();
  const { can } = useSession();
  const nav = useNavigate();
  // quick links: the pages that exist today and that this user may open
  const groups = modules.map((m) => ({ m, pages: m.pages.filter((p) => p.load && can(p.permission)) })).filter((g) => g.pages.length > 0);
  return (
    <div className="erp-page" data-testid="page-home">
      <Typography.Title level={4}>{t('home.welcome', { name: s.user.displayName || s.user.username })}</Typography.Title>
      <Typography.Paragraph type="secondary">{s.company.name}</Typography.Paragraph>
      <Typography.Paragraph>{t('home.hint')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {groups.map(({ m, pages }) => (
          <Col key={m.key} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={
                <span>
                  {m.icon} {t(m.title)}
                </span>
              }
            >
              {pages.map((p) => (
                <Button key={p.path} type="link" size="small" onClick={() => nav(p.path)}>
                  {t(p.title)}
                </Button>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

export function ComingSoonPage({ title }: { title: MsgKey }) {
  const { t } = useI18n();
  return (
    <div className="erp-page" data-testid="page-coming-soon">
      <Result status="info" title={t('comingSoon.title')} subTitle={t('comingSoon.text', { page: t(title) })} />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => nav('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
}
