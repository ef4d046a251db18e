import { AuditOutlined, BankOutlined, DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { App, Badge, Button, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../api/errors';
import { useMeta } from '../api/meta';
import { usePendingApprovals } from '../approvals/api';
import { useI18n } from '../i18n';
import { ComingSoonPage, ForbiddenPage, HomePage, NotFoundPage } from '../pages/misc';
import { LangSwitch } from './LangSwitch';
import { findPage, homeIcon, modules, type PageRoute, pageComponent } from './routes';
import { useCurrentSession, useSession } from './session';

const { Header, Sider, Content } = Layout;

function PageView({ page }: { page: PageRoute }) {
  const { can } = useSession();
  if (!can(page.permission)) return <ForbiddenPage />;
  const C = pageComponent(page);
  if (!C) return <ComingSoonPage title={page.title} />;
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      }
    >
      <C />
    </Suspense>
  );
}

export function AppLayout() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useCurrentSession();
  const { can, logout, switchCompany } = useSession();
  // the resource catalogue: error messages name resources by it ("没有“供应商”的“修改”权限")
  useMeta();
  const { message } = App.useApp();
  const pending = usePendingApprovals();
  const nav = useNavigate();
  const loc = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const current = findPage(loc.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(current ? [current.module.key] : ['masterdata']);

  // Opening a page (also by URL) unfolds its module in the menu.
  const moduleKey = current?.module.key;
  useEffect(() => {
    if (moduleKey) setOpenKeys((k) => (k.includes(moduleKey) ? k : [...k, moduleKey]));
  }, [moduleKey]);

  useEffect(() => {
    const page = current ? t(current.page.title) : t('page.home');
    document.title = `${page} - ${t('app.title')}`;
  }, [current, t]);

  const items: MenuProps['items'] = useMemo(
    () => [
      { key: '/', icon: homeIcon, label: t('page.home') },
      ...modules
        .map((m) => ({ m, pages: m.pages.filter((p) => can(p.permission)) }))
        .filter(({ pages }) => pages.length > 0)
        .map(({ m, pages: [first, ...rest] }) => ({ m, first: first as PageRoute, pages: [first as PageRoute, ...rest] }))
        .map(({ m, first, pages }) =>
          m.flat
            ? {
                key: first.path,
                icon: m.icon,
                label: <span data-testid={`menu${first.path.replaceAll('/', '-')}`}>{t(first.title)}</span>,
              }
            : {
                key: m.key,
                icon: m.icon,
                label: t(m.title),
                children: pages.map((p) => ({
                  key: p.path,
                  label: (
                    <span data-testid={`menu-${p.path.replaceAll('/', '-').slice(1)}`}>
                      {t(p.title)}
                      {p.load ? null : <span className="erp-soon"> ·</span>}
                    </span>
                  ),
                })),
              },
        ),
    ],
    [t, can],
  );

  const companyItems: MenuProps['items'] = session.companies.map((c) => ({
    key: c.id,
    label: `${c.code} ${c.name}`,
    disabled: c.id === session.company.id,
  }));

  const onSwitchCompany = async (id: string) => {
    try {
      const s = await switchCompany(id);
      message.success(t('header.companySwitched', { name: s.company.name }));
    } catch (e) {
      message.error(errorText(e, i18n));
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={188} collapsedWidth={56} theme="dark" className="erp-sider">
        <button type="button" className="erp-logo" onClick={() => nav('/')}>
          {collapsed ? t('app.title').slice(0, 1) : t('app.title')}
        </button>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[current?.page.path ?? loc.pathname]}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={(k) => setOpenKeys(k as string[])}
          onClick={(e) => nav(e.key)}
          inlineIndent={16}
        />
      </Sider>
      <Layout>
        <Header className="erp-header">
          <Space size={4}>
            <BankOutlined />
            {session.companies.length > 1 ? (
              <Dropdown menu={{ items: companyItems, onClick: (e) => void onSwitchCompany(e.key) }} trigger={['click']}>
                <Button type="text" size="small" data-testid="company-switch" title={t('header.switchCompany')}>
                  <span data-testid="company-name">{session.company.name}</span> <DownOutlined />
                </Button>
              </Dropdown>
            ) : (
              <Typography.Text data-testid="company-name">{session.company.name}</Typography.Text>
            )}
          </Space>
          <Space size={8}>
            <Button type="text" size="small" data-testid="pending-approvals" title={t('header.pendingApprovals')} onClick={() => nav('/approvals/pending')}>
              <Badge count={pending.data?.total ?? 0} size="small" showZero data-testid="pending-count" color={pending.data?.total ? undefined : '#bfbfbf'}>
                <AuditOutlined /> <span style={{ marginInlineEnd: 8 }}>{t('header.pendingApprovals')}</span>
              </Badge>
            </Button>
            <Space size={4}>
              <UserOutlined />
              <Typography.Text data-testid="user-name">{session.user.displayName || session.user.username}</Typography.Text>
            </Space>
            <LangSwitch />
            <Button type="text" size="small" icon={<LogoutOutlined />} data-testid="btn-logout" onClick={() => void logout()}>
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="erp-content">
          <Routes>
            <Route path="/" element={<HomePage />} />
            {modules.flatMap((m) => m.pages.map((p) => <Route key={p.path} path={p.nested ? `${p.path}/*` : p.path} element={<PageView page={p} />} />))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Content>
      </Layout>
    </Layout>
  );
}
