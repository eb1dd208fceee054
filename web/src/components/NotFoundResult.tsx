// "Not found" for a page or a record: antd's 404 picture carries an English SVG title ("No Found")
// that screen readers announce, so this uses a plain icon, and the title is the page's h1.
import { FileSearchOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import type { ReactNode } from 'react';

export function NotFoundResult({
  title,
  subTitle,
  extra,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Result
      icon={<FileSearchOutlined aria-hidden style={{ color: '#1554ad' }} />}
      title={<h1 style={{ fontSize: 24, margin: 0, fontWeight: 600 }}>{title}</h1>}
      subTitle={subTitle}
      extra={extra}
    />
  );
}
