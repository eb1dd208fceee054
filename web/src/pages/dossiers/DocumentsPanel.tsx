// 措施十四: the documents kept as evidence on one subject (a result, a listing, a conversion, its contract,
// a payment, a grant or transfer decision): listed for whoever may read them, downloaded as attachments, uploaded by the owning
// institution. The server reads the type from the content and refuses what it does not keep; a
// document is never replaced — a new version is a new document.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Select, Space, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { DOCUMENT_KIND_TEXT, type DocumentKind } from '../../../../domain/constants/dossiers.js';
import { ALLOWED_EXTENSIONS } from '../../../../domain/documents.js';
import { api, API_BASE } from '../../api/client.js';
import type { DossierDocument } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime } from '../../format.js';
import { useToast } from '../../toast.js';

/** The API path segment of each subject (server/dossiers/routes.ts SUBJECT_ROUTES). */
export type DocumentSubject =
  | 'results'
  | 'listings'
  | 'ledger/conversions'
  | 'ledger/contracts'
  | 'ledger/payments'
  | 'rights/grants'
  | 'rights/transfers';

const ACCEPT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const documentsKey = (subject: DocumentSubject, id: string) => ['documents', subject, id] as const;

/** The list and, for the owner, the upload form — without a panel around it (a modal hosts it too). */
export function DocumentList({
  subject,
  id,
  kinds,
  editable,
  label,
}: {
  subject: DocumentSubject;
  id: string;
  /** The kinds offered for upload, the first preselected. */
  kinds: readonly DocumentKind[];
  editable: boolean;
  /** Names the list and the upload controls for assistive technology (several lists may share a page). */
  label: string;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind>(kinds[0] ?? 'other');
  const [file, setFile] = useState<File | null>(null);
  const path = `/${subject}/${encodeURIComponent(id)}/documents`;
  const q = useQuery({
    queryKey: documentsKey(subject, id),
    queryFn: ({ signal }) => api.get<DossierDocument[]>(path, undefined, signal),
  });
  const upload = useMutation({
    mutationFn: (f: File) => api.upload<DossierDocument>(path, f, f.name, { kind }),
    onSuccess: (d) => {
      toast.success(`已上传 ${d.filename}`);
      setFile(null);
      if (input.current) input.current.value = '';
      void queryClient.invalidateQueries({ queryKey: documentsKey(subject, id) });
    },
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<DossierDocument>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label={label}
          locale={{ emptyText: '尚无文件' }}
          columns={[
            {
              title: '文件',
              dataIndex: 'filename',
              render: (v: string, d) => (
                // An attachment: the server sends Content-Disposition and nosniff.
                <a href={`${API_BASE}/documents/${d.id}/download`} download={v}>
                  {v}
                </a>
              ),
            },
            { title: '类别', dataIndex: 'kind', render: (v: DocumentKind) => DOCUMENT_KIND_TEXT[v] },
            { title: '大小', dataIndex: 'sizeBytes', render: (v: number) => size(v) },
            { title: '上传时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: 'SHA-256',
              dataIndex: 'sha256',
              render: (v: string) => (
                <Typography.Text code title={v}>
                  {v.slice(0, 12)}…
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
      {editable && (
        <Space wrap align="center">
          <Select<DocumentKind>
            aria-label={`${label}：文件类别`}
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={kinds.map((k) => ({ value: k, label: DOCUMENT_KIND_TEXT[k] }))}
          />
          <input
            ref={input}
            type="file"
            aria-label={`${label}：选择文件`}
            accept={ACCEPT}
            onChange={(e) => {
              upload.reset();
              setFile(e.target.files?.[0] ?? null);
            }}
          />
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
          >
            上传
          </Button>
        </Space>
      )}
      {editable && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          可上传 PDF、图片、Office 文档或 ZIP；按文件内容识别类型。文件上传后不可替换或删除，新版本请另行上传。
        </Typography.Text>
      )}
      {upload.isError && <ErrorAlert error={upload.error} />}
    </Space>
  );
}

/** The documents of one subject in a panel of its own. */
export function DocumentsPanel({
  title,
  extra,
  ...props
}: Parameters<typeof DocumentList>[0] & { title: string; extra?: ReactNode }) {
  return (
    <Panel title={title} extra={extra}>
      <DocumentList {...props} />
    </Panel>
  );
}
