import { useEffect } from 'react';
import { ButtonLink } from '../components/ButtonLink.js';
import { NotFoundResult } from '../components/NotFoundResult.js';

export default function NotFound() {
  useEffect(() => {
    document.title = '页面不存在 - 辽宁揭榜挂帅';
  }, []);
  return (
    <NotFoundResult
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <ButtonLink type="primary" to="/">
          返回首页
        </ButtonLink>
      }
    />
  );
}
