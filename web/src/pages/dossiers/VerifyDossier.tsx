// 措施十四: anyone holding a dossier ZIP checks it here, as `npm run dossier:verify` does offline:
// every file's SHA-256 against the manifest, the hash over the manifest, and whether the platform
// issued a dossier with that hash (and what was determined on it).
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { api } from '../../api/client.js';
import type { DossierVerifyReport } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

function FileList({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <ul style={{ margin: '4px 0 0' }}>
        {names.map((n) => (
          <li key={n}>
            <Typography.Text code>{n}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function VerifyResult({ report }: { report: DossierVerifyReport }) {
  const { role } = useAuth();
  // 措施十四: an intact dossier the platform issued is what an oversight body determines on.
  const mayDetermine = report.ok && report.issuedByPlatform && (role === 'department' || role === 'operator');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {report.ok ? (
        <Alert
          type="success"
          showIcon
          title="档案完整：每个文件都与清单一致"
          description={
            report.issuedByPlatform
              ? '该档案由本平台导出，清单哈希与平台留存的一致。'
              : '清单自洽，但本平台没有导出过清单哈希相同的档案。'
          }
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title="档案已被改动或不完整"
          description="下列文件与清单不一致，请向导出单位索取原件。"
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="档案">{report.title ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="清单 SHA-256">
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {report.manifestSha256 ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="文件">
          {report.files} 个，共 {(report.bytes / 1024 / 1024).toFixed(2)} MB
        </Descriptions.Item>
      </Descriptions>
      {mayDetermine && report.manifestSha256 && (
        <ButtonLink to={`/oversight/determinations?sha=${report.manifestSha256}`} type="primary">
          对此档案作出认定
        </ButtonLink>
      )}
      <FileList label="内容被改动的文件" names={report.changed} />
      <FileList label="清单中有、档案中缺少的文件" names={report.missing} />
      <FileList label="清单中没有的文件" names={report.unexpected} />
      {report.problems.length > 0 && <FileList label="其他问题" names={report.problems} />}
    </Space>
  );
}

export default function VerifyDossier() {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const verify = useMutation({
    mutationFn: (f: File) => api.upload<DossierVerifyReport>('/dossiers/verify', f, f.name),
  });
  useEffect(() => {
    document.title = '校验尽职免责档案 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 860 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        校验尽职免责档案
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        措施十四：平台导出的档案（ZIP）带有逐个文件的 SHA-256
        清单和清单本身的哈希。选择档案文件后，平台逐个重算并指出被改动、缺少或多出的文件；文件只用于校验，不会保存。
        离线校验可在代码仓库中运行 <Typography.Text code>npm run dossier:verify 档案.zip</Typography.Text>。
      </Typography.Paragraph>
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file) verify.mutate(file);
          }}
        >
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <label htmlFor={inputId}>档案文件（ZIP）</label>
            <input
              id={inputId}
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                verify.reset();
              }}
            />
            {verify.isError && <ErrorAlert error={verify.error} />}
            <Button type="primary" htmlType="submit" disabled={!file} loading={verify.isPending}>
              开始校验
            </Button>
          </Space>
        </form>
      </Card>
      {verify.data && <VerifyResult report={verify.data} />}
    </Space>
  );
}
