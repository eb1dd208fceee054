// The providers every page sits in, shared by the browser entry (main.tsx) and the server-rendering
// entry (entry-server.tsx) so both render the same tree: antd's theme and locale, toasts, the query
// cache, the router (each side passes its own) and the session.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/locale/zh_CN.js';
import { StrictMode, type ReactNode } from 'react';
import { ApiError } from './api/client.js';
import { AppRoutes } from './App.js';
import { AuthProvider } from './auth.js';
import { ToastProvider } from './toast.js';
import './format.js';

type Locale = NonNullable<ConfigProviderProps['locale']>;
// antd ships its locales as CommonJS: the bundler hands us the locale itself, while the type
// checker (NodeNext) sees the module object around it.
const zhCN: Locale = (zhCNModule as unknown as { default?: Locale }).default ?? (zhCNModule as unknown as Locale);

// WCAG 2.1 AA: antd's grey texts (#8c8c8c, 3.36:1) and placeholders (1.83:1) are darkened to at
// least 4.5:1 on white. Page titles are h1 (one per page) at the size the old h2 titles had.
const THEME: ConfigProviderProps['theme'] = {
  token: {
    colorPrimary: '#1554ad',
    colorLink: '#1554ad',
    // Status colours dark enough for text on white and on their own light backgrounds (tags, buttons).
    colorInfo: '#1554ad',
    colorError: '#c41d1f',
    colorWarning: '#8a5300',
    colorSuccess: '#2a6e0c',
    // …keeping antd's light backgrounds and borders, which it would otherwise derive from the dark seeds.
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    borderRadius: 6,
    colorTextTertiary: 'rgba(0,0,0,0.62)',
    colorTextDescription: 'rgba(0,0,0,0.62)',
    colorTextPlaceholder: 'rgba(0,0,0,0.56)',
    // Out-of-range days in date pickers are read too: 4.9:1, still lighter than ordinary text.
    colorTextDisabled: 'rgba(0,0,0,0.56)',
    fontSizeHeading1: 30,
  },
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; network blips and 5xx get two more tries.
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
}

/** The whole app inside `router` (BrowserRouter in the browser, StaticRouter on the server). */
export function Root({
  queryClient,
  nonce,
  router: Router,
}: {
  queryClient: QueryClient;
  /** The response's Content-Security-Policy nonce (platform/csp.ts); '' when there is none. */
  nonce: string;
  router: (props: { children: ReactNode }) => ReactNode;
}) {
  return (
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        theme={THEME}
        // Two-character labels stay as written ("注册", not "注 册"), for screen readers and tests alike.
        button={{ autoInsertSpace: false }}
        // Option lists here are short (14 regions at most); plain lists scroll and read better than virtual ones.
        virtual={false}
        // The styles antd writes at run time carry the page's CSP nonce (issue 16 item 5).
        csp={nonce ? { nonce } : undefined}
      >
        <ToastProvider>
          <QueryClientProvider client={queryClient}>
            <Router>
              <AuthProvider>
                <AppRoutes />
              </AuthProvider>
            </Router>
          </QueryClientProvider>
        </ToastProvider>
      </ConfigProvider>
    </StrictMode>
  );
}
