import { Result } from 'antd';
import { ButtonLink } from '../components/ButtonLink.js';

export default function NotFound() {
  return (
    <Result
      status="404"
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
