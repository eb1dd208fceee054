// 措施十四: every remuneration decision names the body that decided, when it met, and its basis.
import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { DECISION_TEXT } from '../../../../domain/constants/dossiers.js';

export interface DecisionValues {
  decisionBody: string;
  meetingDate?: Dayjs | null;
  basis: string;
}

export const decisionPayload = (v: DecisionValues) => ({
  decisionBody: v.decisionBody.trim(),
  meetingDate: v.meetingDate ? v.meetingDate.format('YYYY-MM-DD') : null,
  basis: v.basis.trim(),
});

export function DecisionFields({
  bodyPlaceholder = '如：科技成果转化领导小组、校长办公会',
}: {
  bodyPlaceholder?: string;
}) {
  return (
    <>
      <Form.Item
        label="决策机构"
        name="decisionBody"
        rules={[{ required: true, whitespace: true, message: '请写明作出决定的机构' }]}
      >
        <Input maxLength={DECISION_TEXT.body.max} placeholder={bodyPlaceholder} />
      </Form.Item>
      <Form.Item label="会议日期" name="meetingDate">
        <DatePicker />
      </Form.Item>
      <Form.Item
        label="决策依据"
        name="basis"
        rules={[{ required: true, whitespace: true, message: '请填写决策依据（措施十四）' }]}
      >
        <Input.TextArea rows={2} maxLength={DECISION_TEXT.basis.max} />
      </Form.Item>
    </>
  );
}
