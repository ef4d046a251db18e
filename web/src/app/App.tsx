import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Route, RouterProvider, Routes } from 'react-router-dom';
import { ApiError } from '../api/client';
import { errorText } from '../api/errors';
import { I18nProvider, useI18n } from '../i18n';
import { LoginPage } from '../pages/LoginPage';
import { AppLayout } from './AppLayout';
import { SessionProvider, useSession } from './session';

// The print view is a page of its own (no menu, no header): /print/:resource/:id.
const PrintPage = lazy(() => import('../documents/PrintPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers won't change on retry; network blips may
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function Gate() {
  const i18n = useI18n();
  const { session, loading, error } = useSession();
  if (loading) {
    return (
      <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (error && !session) {
    return (
      <Result
        status="warning"
        title={errorText(error, i18n)}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('common.refresh')}
          </Button>
        }
      />
    );
  }
  if (!session) return <LoginPage />;
  return (
    <Routes>
      <Route
        path="/print/:resource/:id"
        element={
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <PrintPage />
          </Suspense>
        }
      />
      <Route path="*" element={<AppLayout />} />
    </Routes>
  );
}

// A data router, so a document with unsaved changes can hold a navigation (useBlocker);
// the pages are still routed by <Routes> below it.
const router = createBrowserRouter([{ path: '*', element: <Gate /> }]);

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      componentSize="small"
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.compactAlgorithm,
        token: { borderRadius: 4, fontSize: 13 },
        components: { Layout: { headerHeight: 44, headerPadding: '0 16px', headerBg: '#fff' } },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function RootApp() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
