import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches a page that fails to render or to load (a page chunk missing after a new version was
 * deployed, say) so the header and navigation stay usable. Resets when the route changes.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      this.state.error.message,
    );
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={chunk ? '页面加载失败，平台可能刚刚更新' : '页面出现错误'}
        description="请刷新页面后重试。"
        action={
          <Button size="small" onClick={() => window.location.reload()}>
            刷新
          </Button>
        }
      />
    );
  }
}
