// 措施十五 (职务科技成果向境外开展赋权和转化，应遵守技术出口等方面相关法律法规): the institution's review of a
// result against the technology-export rules. Once confirmed, parties registered outside the mainland
// (港澳台 and abroad — where they are registered, not who owns them) may claim, register for the
// auction, apply for a pay-later licence and be recorded as counterparty; it covers every listing of
// the result. The form posts to the listing's or the result's endpoint.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { formatDateTime } from '../../format.js';
import { useToast } from '../../toast.js';
import { textRule } from './shared.js';

export function ExportControlForm({
  url,
  invalidate,
  required,
}: {
  url: string;
  invalidate: QueryKey[];
  /** The deal waits for it (the counterparty is registered outside the mainland). */
  required?: boolean;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const queryClient = useQueryClient();
  const message = useToast();
  const confirm = useMutation({
    mutationFn: (v: { note: string }) => api.post<unknown>(url, { note: v.note.trim() }),
    onSuccess: () => {
      message.success('已确认技术出口管制审查');
      for (const key of invalidate) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name="export-control"
      onFinish={(v) => confirm.mutate(v)}
      disabled={confirm.isPending}
    >
      <Alert
        type={required ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          required
            ? '受让方在中国境外（含港澳台）登记：登记成交前须确认技术出口管制审查（措施十五）'
            : '技术出口管制审查（措施十五）：确认后，境外（含港澳台）登记的单位方可摘牌、报名竞买或申请许可'
        }
        description="向境外转化科技成果的，应遵守技术出口有关规定。请说明审查结论和依据（如是否属于禁止或限制出口技术、出口许可或合同登记情况）。该确认对本成果的所有项目有效。"
      />
      <Form.Item label="出口管制审查说明" name="note" rules={[textRule('出口管制审查说明', 5, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <FormSubmit mutation={confirm}>确认出口管制审查</FormSubmit>
    </Form>
  );
}

export function ExportControlConfirmed({ at, note }: { at: string; note?: string }) {
  return (
    <Alert
      type="success"
      showIcon
      title={`已确认技术出口管制审查（${formatDateTime(at)}）`}
      description={note ?? '境外（含港澳台）登记的单位可摘牌、报名竞买或申请许可。'}
    />
  );
}
