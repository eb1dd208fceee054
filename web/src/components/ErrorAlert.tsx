import { Alert, Button } from 'antd';
import { ApiError, errorText } from '../api/client.js';

// Field names as they appear in validation details, in words a user recognises.
const FIELD_LABELS: Record<string, string> = {
  title: '名称',
  summary: '摘要',
  description: '详情',
  field: '行业领域',
  region: '所在地区',
  priceFen: '价格',
  deadline: '截止时间',
  contactName: '联系人',
  contactPhone: '联系电话',
  counterpartyName: '拟受让方',
  creditCode: '统一社会信用代码',
  email: '邮箱',
  password: '密码',
  displayName: '姓名',
  phone: '手机号码',
  name: '名称',
  website: '网站',
  address: '地址',
  reason: '原因',
  reasonText: '说明',
  inventors: '成果完成人',
  number: '编号',
  shareBp: '份额',
  longTermUseYears: '长期使用权期限',
  longTermUseEndsOn: '到期日',
  grantDate: '授权日',
};

function invalidFields(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details)) return [];
  const names = new Set<string>();
  for (const d of err.details as { path?: unknown }[]) {
    if (typeof d?.path !== 'string') continue;
    const last = d.path
      .split('/')
      .filter((p) => p && !/^\d+$/.test(p))
      .pop();
    if (last) names.add(FIELD_LABELS[last] ?? last);
  }
  return [...names];
}

/** An api failure as the Chinese message the api wrote, with a retry when one makes sense. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  // The request id helps support trace a server fault; for a refusal the message says it all.
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : null;
  const fields = invalidFields(error);
  const description = [
    fields.length ? `请检查：${fields.join('、')}` : null,
    requestId ? `请求编号：${requestId}` : null,
  ]
    .filter(Boolean)
    .join('；');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error)}
      description={description || undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
