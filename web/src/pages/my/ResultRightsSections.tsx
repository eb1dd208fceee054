// The result form's rights sections: 密级 (措施十五: results touching national interests or classified
// may not be granted to inventors nor managed separately) and 权属 (措施一: owned by the unit, co-owned
// by the unit and the inventors by shares adding up to 100%, or a long-term use right from a start date
// to an end date at least the minimum years later, not already ended).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  ConfigProvider,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Switch,
  Typography,
} from 'antd';
import {
  OWNERSHIP_MODE_LABELS,
  OWNERSHIP_MODES,
  SECURITY_CLASS_LABELS,
  SECURITY_CLASSES,
  type OwnershipMode,
  type SecurityClass,
  RESULT_TEXT,
} from '../../../../domain/constants/results.js';
import { earliestLongTermUseEnd, FULL_SHARE_BP, MIN_LONG_TERM_USE_YEARS } from '../../../../domain/results.js';
import { optionsOf, todayInShanghai } from '../../format.js';
import type { Dayjs } from 'dayjs';
import type { FormValues } from './result-form.js';

const OWNERSHIP_HELP: Record<OwnershipMode, string> = {
  institution: '成果归本单位所有。',
  co_owned: '本单位与成果完成人（团队）成为共同所有权人：请登记本单位份额和团队成员份额，均须大于0，合计须为100%。',
  long_term_use: `赋予成果完成人（团队）不少于${MIN_LONG_TERM_USE_YEARS}年的职务科技成果长期使用权：自起始日至到期日不少于${MIN_LONG_TERM_USE_YEARS}年，到期日不能已过。`,
  team_owned: '本单位的剩余权益已让渡给成果完成人（团队）（措施六）。',
};

const SECURITY_HELP: Record<SecurityClass, string> = {
  public: '不涉及国家利益和重大社会公共利益的成果。',
  restricted:
    '涉及国家安全、国防安全、公共安全、经济安全、社会稳定等国家利益和重大社会公共利益的成果，不得赋权，不得单列管理。',
  classified: '涉密成果不得赋权、不得单列管理，且不得公开挂牌交易。',
};

export function SecuritySection({ securityClass, sensitive }: { securityClass: SecurityClass; sensitive: boolean }) {
  return (
    <Card title="密级（措施十五）" style={{ marginBottom: 16 }}>
      <Form.Item label="密级" name="securityClass" rules={[{ required: true }]} extra={SECURITY_HELP[securityClass]}>
        <Radio.Group options={optionsOf(SECURITY_CLASS_LABELS, SECURITY_CLASSES)} />
      </Form.Item>
      {sensitive && (
        <Alert
          type="warning"
          showIcon
          title="措施十五：涉及国家利益或涉密的成果不得赋权，也不得单列管理；涉密成果不得公开挂牌。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        label="单列管理"
        name="separatelyManaged"
        valuePropName="checked"
        extra="职务科技成果资产单列管理，不纳入国有资产保值增值考核。涉及国家利益或涉密的成果不得单列管理。"
        dependencies={['securityClass']}
        rules={[
          {
            validator: (_, on: boolean) =>
              on && sensitive ? Promise.reject(new Error('涉及国家安全或涉密的成果不得单列管理')) : Promise.resolve(),
          },
        ]}
      >
        <Switch disabled={sensitive} checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </Card>
  );
}

export function OwnershipSection({
  ownership,
  sensitive,
  shareTotal,
  locked,
}: {
  ownership: OwnershipMode;
  sensitive: boolean;
  shareTotal: number;
  /** 措施一、六: a registered result's rights change only by a decision the team accepted. */
  locked?: boolean;
}) {
  return (
    <Card title="权属（措施一）" style={{ marginBottom: 16 }}>
      {locked && (
        <Alert
          type="info"
          showIcon
          title="权属只能通过赋权或权益让渡决定、经成果完成人团队接受后变更（措施一、六）"
          description="请在成果列表的“赋权与权益让渡”中作出决定；编辑成果时权属保持不变。"
          style={{ marginBottom: 16 }}
        />
      )}
      <ConfigProvider componentDisabled={!!locked}>
        <Form.Item
          label="权属方式"
          name="ownership"
          extra={OWNERSHIP_HELP[ownership]}
          dependencies={['securityClass']}
          rules={[
            { required: true },
            {
              validator: (_, v: OwnershipMode) =>
                v !== 'institution' && sensitive
                  ? Promise.reject(new Error('涉及国家安全或涉密的成果不得赋权'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group
            options={OWNERSHIP_MODES.filter((m) => m !== 'team_owned' || ownership === 'team_owned').map((m) => ({
              value: m,
              label: OWNERSHIP_MODE_LABELS[m],
              disabled: sensitive && m !== 'institution',
            }))}
          />
        </Form.Item>

        {ownership === 'co_owned' && (
          <Form.Item
            label="本单位份额"
            name="institutionSharePct"
            extra="措施一：科研单位与成果完成人（团队）成为共同所有权人，本单位须持有份额。"
            rules={[{ required: true, message: '请填写本单位份额' }]}
          >
            <InputNumber min={0.01} max={99.99} precision={2} suffix="%" style={{ width: 200 }} />
          </Form.Item>
        )}
        {ownership === 'co_owned' && (
          <Form.List
            name="coOwners"
            rules={[
              {
                validator: async (_, list: FormValues['coOwners']) => {
                  if (!list || list.length === 0) throw new Error('赋权共有须至少登记一名成果完成人（团队）');
                  if (shareTotal !== FULL_SHARE_BP) throw new Error(`各方份额之和须为100%，当前为${shareTotal / 100}%`);
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 8 }}>成果完成人（团队）及份额</legend>
                {fields.map((f, i) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={14} md={12}>
                      <Form.Item
                        label={`共有方${i + 1}名称`}
                        name={[f.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
                      >
                        <Input placeholder="成果完成人或团队" maxLength={RESULT_TEXT.coOwnerName.max} />
                      </Form.Item>
                    </Col>
                    <Col xs={7} md={6}>
                      <Form.Item
                        label={`共有方${i + 1}份额`}
                        name={[f.name, 'sharePct']}
                        rules={[{ required: true, message: '请输入份额' }]}
                      >
                        <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={3} md={2} style={{ paddingTop: 30 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除共有方${i + 1}`}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Space wrap>
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', sharePct: null })}>
                    添加共有方
                  </Button>
                  <Typography.Text type={shareTotal === FULL_SHARE_BP ? 'success' : 'warning'} aria-live="polite">
                    份额合计：{shareTotal / 100}%（须为100%）
                  </Typography.Text>
                </Space>
                <Form.ErrorList errors={errors} />
              </fieldset>
            )}
          </Form.List>
        )}

        {ownership === 'long_term_use' && (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="起始日"
                name="longTermUseStartsOn"
                rules={[{ required: true, message: '请选择起始日' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="到期日"
                name="longTermUseEndsOn"
                dependencies={['longTermUseStartsOn']}
                rules={[
                  { required: true, message: '请选择到期日' },
                  ({ getFieldValue }) => ({
                    validator: (_, end: Dayjs | null) => {
                      const start = getFieldValue('longTermUseStartsOn') as Dayjs | null;
                      if (!end || !start) return Promise.resolve();
                      const earliest = earliestLongTermUseEnd(start.format('YYYY-MM-DD'));
                      if (end.format('YYYY-MM-DD') < earliest) {
                        return Promise.reject(
                          new Error(`不得少于${MIN_LONG_TERM_USE_YEARS}年：到期日最早为${earliest}`),
                        );
                      }
                      if (end.format('YYYY-MM-DD') < todayInShanghai()) {
                        return Promise.reject(new Error('到期日已过：请延长期限，或改为单位所有或赋权共有'));
                      }
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </ConfigProvider>
    </Card>
  );
}
