// 措施二: the institution's technology contracts for a period as CSV (UTF-8 with BOM, opens in Excel)
// or XLSX. Plain links: the browser downloads what the api streams, with the session cookie.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { API_BASE, buildQuery } from '../../api/client.js';

export const exportHref = (path: string, query: Record<string, string | null>) => API_BASE + path + buildQuery(query);

/** A file the api streams, downloaded by the browser (a real link, shown as a button). */
export function DownloadLink({ href, children }: { href: string; children: string }) {
  return (
    <Button href={href} download icon={<DownloadOutlined aria-hidden />}>
      {children}
    </Button>
  );
}

export function ContractExports() {
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const query = (format: 'csv' | 'xlsx') => ({
    format,
    from: from?.format('YYYY-MM-DD') ?? null,
    to: to?.format('YYYY-MM-DD') ?? null,
  });
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>导出技术合同</h2>}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          按签订日期选择期间（不选则导出全部），导出本单位的技术合同台账，字段按技术合同认定登记的要求排列。
        </Typography.Text>
        <Space wrap>
          <DatePicker aria-label="导出期间自" placeholder="签订日期自" value={from} onChange={setFrom} />
          <DatePicker aria-label="导出期间至" placeholder="签订日期至" value={to} onChange={setTo} />
          <DownloadLink href={exportHref('/ledger/contracts/export', query('csv'))}>导出 CSV</DownloadLink>
          <DownloadLink href={exportHref('/ledger/contracts/export', query('xlsx'))}>导出 XLSX</DownloadLink>
        </Space>
      </Space>
    </Card>
  );
}
