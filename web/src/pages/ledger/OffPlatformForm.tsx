// 登记平台外转化: a conversion agreed off the platform, entered by the institution with its evidence
// (措施十四) and, for a 涉密 result, the approval filing and confidentiality agreement (措施十五). The
// api applies every rule again; the form only spares a refusal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  CONTRACT_TYPE_LABELS,
  CONVERSION_TYPE_LABELS,
  INTERMEDIARY_KIND_LABELS,
  LEDGER_TEXT,
  PAYMENT_METHOD_LABELS,
  type PaymentMethod,
} from '../../../../domain/constants/ledger.js';
import { APPRAISAL_DECISION_LABELS } from '../../../../domain/constants/lifecycle.js';
import { LICENCE_SCOPE_LABELS } from '../../../../domain/constants/listings.js';
import { OWNERSHIP_TYPE_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import type { Page, ResearchResult } from '../../api/types.js';
import { SubmitEligibility } from '../../components/Eligibility.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { MoneyInput, moneyRules } from '../../components/MoneyInput.js';
import { optionsOf, preventEnterSubmit, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import { CounterpartyPicker } from './CounterpartyPicker.js';
import { DomicileField } from './DomicileField.js';
import { body, type Values } from './off-platform-body.js';
import { ledgerTitle, RoleNotice } from './shared.js';
import type { ConversionDetail } from './types.js';

const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayInShanghai();
const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
const chosen = (label: string) => [{ required: true, message: `请选择${label}` }];

const INITIAL: Partial<Values> = {
  effective: true,
  withIntermediary: false,
  paymentMethods: ['instalments'],
  counterpartyDomicile: 'mainland',
};

export default function OffPlatformForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const message = useToast();
  const queryClient = useQueryClient();
  const type = Form.useWatch('transactionType', form);
  const methods = Form.useWatch('paymentMethods', form) ?? [];
  const effective = Form.useWatch('effective', form);
  const withIntermediary = Form.useWatch('withIntermediary', form);
  const picked = Form.useWatch('counterparty', form);
  const resultId = Form.useWatch('resultId', form);
  const [classified, setClassified] = useState(false);
  const results = useQuery({
    queryKey: ['results', 'mine', 'options'],
    queryFn: ({ signal }) => api.get<Page<ResearchResult>>('/results', { page: 1, pageSize: 100 }, signal),
  });
  useEffect(() => {
    document.title = ledgerTitle('登记平台外转化');
  }, []);
  useEffect(() => {
    setClassified(results.data?.items.find((r) => r.id === resultId)?.securityClass === 'classified');
  }, [resultId, results.data]);

  const save = useMutation({
    mutationFn: (v: Values) => api.post<ConversionDetail>('/ledger/conversions', body(v)),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success('已登记平台外转化');
      navigate(`/my/conversions/${c.id}`);
    },
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        登记平台外转化
      </Typography.Title>
      <RoleNotice title="由成果所属科研单位登记">
        在平台外达成的转让、许可、作价投资或技术开发、服务合同，也要登记到转化台账，成果随即计为“已转化”，下次扫描时移出先用后付成果池。须填写证明材料编号和定价依据（措施十四）；涉密成果还须填写涉密审批备案编号和保密协议编号（措施十五）。付款计划和收款在登记后于转化详情页填写。
      </RoleNotice>
      <SubmitEligibility />
      <Form<Values>
        form={form}
        layout="vertical"
        name="off-platform"
        initialValues={INITIAL}
        onKeyDown={preventEnterSubmit}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>成果与交易</h2>} size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="成果" name="resultId" rules={chosen('成果')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={results.isPending}
              options={(results.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
            />
          </Form.Item>
          <Form.Item label="交易类型" name="transactionType" rules={chosen('交易类型')}>
            <Select options={optionsOf(CONVERSION_TYPE_LABELS)} />
          </Form.Item>
          {type === 'license' && (
            <Form.Item label="许可方式" name="licenseScope" rules={chosen('许可方式')}>
              <Select options={optionsOf(LICENCE_SCOPE_LABELS)} />
            </Form.Item>
          )}
          {(type === 'transfer' || type === 'license' || type === 'equity') && (
            <Form.Item
              label="资产评估"
              name="appraisal"
              rules={chosen('资产评估情况')}
              extra="措施四：可自主决定是否进行资产评估；不评估须经单位决策程序。"
            >
              <Select options={optionsOf(APPRAISAL_DECISION_LABELS)} />
            </Form.Item>
          )}
          <Form.Item
            label="证明材料编号"
            name="evidenceRef"
            rules={required('证明材料编号')}
            extra="如合同原件归档号、单位决策文件编号"
          >
            <Input maxLength={LEDGER_TEXT.reference.max} />
          </Form.Item>
          <Form.Item
            label="定价依据"
            name="basis"
            rules={[...required('定价依据'), { min: 2, message: '定价依据至少2个字' }]}
          >
            <Input.TextArea rows={2} maxLength={LEDGER_TEXT.note.max} />
          </Form.Item>
          {classified && (
            <>
              <Form.Item label="涉密审批备案编号" name="classifiedApprovalRef" rules={required('涉密审批备案编号')}>
                <Input maxLength={LEDGER_TEXT.reference.max} />
              </Form.Item>
              <Form.Item label="保密协议编号" name="confidentialityAgreementRef" rules={required('保密协议编号')}>
                <Input maxLength={LEDGER_TEXT.reference.max} />
              </Form.Item>
            </>
          )}
        </Card>
        <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>对方</h2>} size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            label="平台上的企业"
            name="counterparty"
            extra="选择后，该企业可在平台上看到合同和应付款项；对方不在平台上时可不选"
          >
            <CounterpartyPicker
              onPicked={(o) =>
                o &&
                form.setFieldsValue({ counterpartyName: o.name, counterpartyCreditCode: o.creditCode ?? undefined })
              }
            />
          </Form.Item>
          <Form.Item
            label="对方名称"
            name="counterpartyName"
            rules={[...required('对方名称'), { min: 2, message: '名称至少2个字' }]}
          >
            <Input maxLength={LEDGER_TEXT.name.max} />
          </Form.Item>
          <Form.Item label="对方统一社会信用代码" name="counterpartyCreditCode">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="对方所有制" name="counterpartyOwnership">
            <Select allowClear options={optionsOf(OWNERSHIP_TYPE_LABELS)} />
          </Form.Item>
          {!picked && <DomicileField />}
        </Card>
        <Card
          title={<h2 style={{ margin: 0, fontSize: 16 }}>合同（技术合同认定登记）</h2>}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <Form.Item
            label="合同名称"
            name="title"
            rules={[...required('合同名称'), { min: 2, message: '合同名称至少2个字' }]}
          >
            <Input maxLength={LEDGER_TEXT.name.max} />
          </Form.Item>
          <Form.Item label="合同类别" name="contractType" extra="不选则按交易类型确定">
            <Select allowClear options={optionsOf(CONTRACT_TYPE_LABELS)} />
          </Form.Item>
          <Form.Item label="合同编号" name="contractNo">
            <Input maxLength={LEDGER_TEXT.reference.max} />
          </Form.Item>
          <Form.Item label="合同金额" name="amountFen" rules={moneyRules('合同金额', { required: true, minFen: 0 })}>
            <MoneyInput />
          </Form.Item>
          <Form.Item
            label="技术交易额"
            name="technologyAmountFen"
            rules={moneyRules('技术交易额', { required: true, minFen: 0 })}
            extra="不超过合同金额"
          >
            <MoneyInput />
          </Form.Item>
          <Form.Item
            label="支付方式"
            name="paymentMethods"
            // A validator rather than `required`: antd would put aria-required on the checkbox group's div.
            rules={[
              {
                validator: (_: unknown, v: PaymentMethod[] | undefined) =>
                  v?.length ? Promise.resolve() : Promise.reject(new Error('请选择支付方式')),
              },
            ]}
          >
            <Checkbox.Group options={optionsOf(PAYMENT_METHOD_LABELS)} />
          </Form.Item>
          {methods.includes('royalty') && (
            <>
              <Form.Item label="提成比例（%）" name="royaltyPercent" rules={chosen('提成比例')}>
                <InputNumber min={0.01} max={100} precision={2} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label="提成基数" name="royaltyBase" rules={required('提成基数')}>
                <Input maxLength={LEDGER_TEXT.reference.max} placeholder="如：产品年销售额" />
              </Form.Item>
            </>
          )}
          <Form.Item label="已签订生效" name="effective" valuePropName="checked" extra="未签订的合同先登记为草拟">
            <Switch />
          </Form.Item>
          {effective && (
            <Form.Item label="签订日期" name="signedOn" rules={chosen('签订日期')}>
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item label="合同期限自" name="termStartsOn">
              <DatePicker />
            </Form.Item>
            <Form.Item label="合同期限至" name="termEndsOn">
              <DatePicker />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item label="认定登记编号" name="registrationNo">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="认定登记日期" name="registeredOn">
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
          </Space>
        </Card>
        {type === 'equity' && (
          <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>作价投资</h2>} size="small" style={{ marginBottom: 16 }}>
            <Form.Item label="公司名称" name="companyName" rules={required('公司名称')}>
              <Input maxLength={LEDGER_TEXT.name.max} />
            </Form.Item>
            <Form.Item label="公司统一社会信用代码" name="companyCreditCode" rules={required('公司统一社会信用代码')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="持股比例（%）" name="stakePercent" rules={chosen('持股比例')}>
              <InputNumber min={0.01} max={100} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              label="作价金额"
              name="valuationFen"
              rules={moneyRules('作价金额', { required: true, minFen: 0 })}
            >
              <MoneyInput />
            </Form.Item>
            <Form.Item label="取得股权日期" name="acquiredOn" rules={chosen('取得股权日期')}>
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
          </Card>
        )}
        <Card
          title={<h2 style={{ margin: 0, fontSize: 16 }}>中介服务（措施十、十一）</h2>}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <Form.Item label="有技术经理人或技术转移机构参与" name="withIntermediary" valuePropName="checked">
            <Switch />
          </Form.Item>
          {withIntermediary && (
            <>
              <Form.Item label="中介类型" name="intermediaryKind" rules={chosen('中介类型')}>
                <Select options={optionsOf(INTERMEDIARY_KIND_LABELS)} />
              </Form.Item>
              <Form.Item label="中介名称" name="intermediaryName" rules={required('中介名称')}>
                <Input maxLength={LEDGER_TEXT.name.max} />
              </Form.Item>
              <Form.Item
                label="约定佣金"
                name="intermediaryCommissionFen"
                rules={moneyRules('约定佣金', { minFen: 0 })}
              >
                <MoneyInput />
              </Form.Item>
            </>
          )}
        </Card>
        <Form.Item label="备注" name="reason">
          <Input.TextArea rows={2} maxLength={LEDGER_TEXT.reason.max} />
        </Form.Item>
        <FormSubmit mutation={save}>登记转化</FormSubmit>
      </Form>
    </Space>
  );
}
