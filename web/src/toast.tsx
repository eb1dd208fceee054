// Toasts (antd `message`) bound to the app's theme and locale. antd's <App> would do the same but
// also brings modal and notification code into every page; only message is needed everywhere.
import { message } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';

type MessageApi = ReturnType<typeof message.useMessage>[0];

const ToastContext = createContext<MessageApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
  return (
    <ToastContext.Provider value={api}>
      {holder}
      {children}
    </ToastContext.Provider>
  );
}

export function useToast(): MessageApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
