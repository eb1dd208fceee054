// 措施十五: where an organisation is registered, apart from who owns it. A mainland organisation
// identifies with its 统一社会信用代码 and a Liaoning city; one registered in Hong Kong, Macao, Taiwan
// or abroad with its own registration number and country or region. Operators verify either.
import { Col, Form, Input, Radio, Select } from 'antd';
import {
  DOMICILE_LABELS,
  HK_MACAO_TAIWAN_REGIONS,
  REGION_LABELS,
  type Domicile,
} from '../../../domain/constants/organisations.js';
import { isValidCreditCode, normaliseCreditCode } from '../../../domain/credit-code.js';
import { optionsOf } from '../format.js';

export interface IdentityValues {
  domicile?: Domicile;
  creditCode?: string;
  region?: string;
  registrationNumber?: string;
  countryOrRegion?: string;
}

/** The body the api expects for the identity part of a registration. */
export function identityBody(o: IdentityValues) {
  const domicile = o.domicile ?? 'mainland';
  return domicile === 'mainland'
    ? { domicile, creditCode: normaliseCreditCode(o.creditCode ?? ''), region: o.region }
    : { domicile, registrationNumber: o.registrationNumber?.trim(), countryOrRegion: o.countryOrRegion?.trim() };
}

export function IdentityFields({ kind, domicile }: { kind: 'enterprise' | 'institution'; domicile: Domicile }) {
  return (
    <>
      {kind === 'enterprise' && (
        <Col xs={24}>
          <Form.Item
            label="登记地"
            name={['organisation', 'domicile']}
            extra="按企业登记注册地选择，与企业性质（如外资）无关；在境外（含港澳台）登记的企业受让成果前，须科研单位确认技术出口管制审查（措施十五）。"
            rules={[{ required: true, message: '请选择登记地' }]}
          >
            <Radio.Group optionType="button" options={optionsOf(DOMICILE_LABELS)} />
          </Form.Item>
        </Col>
      )}
      {domicile === 'mainland' ? (
        <>
          <Col xs={24} md={12}>
            <Form.Item
              label="统一社会信用代码"
              name={['organisation', 'creditCode']}
              extra="18位，含最后一位校验码"
              validateFirst
              rules={[
                { required: true, message: '请输入统一社会信用代码' },
                {
                  validator: (_, value: string | undefined) => {
                    if (!value) return Promise.resolve();
                    const code = normaliseCreditCode(value);
                    if (code.length !== 18) return Promise.reject(new Error(`应为18位，当前${code.length}位`));
                    return isValidCreditCode(code)
                      ? Promise.resolve()
                      : Promise.reject(new Error('统一社会信用代码无效，请核对18位代码及校验位'));
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="所在地区"
              name={['organisation', 'region']}
              rules={[{ required: true, message: '请选择所在地区' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={optionsOf(REGION_LABELS)}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
        </>
      ) : (
        <>
          <Col xs={24} md={12}>
            <Form.Item
              label="登记注册号"
              name={['organisation', 'registrationNumber']}
              extra="登记地发给的公司注册号码"
              rules={[
                { required: true, whitespace: true, message: '请输入登记注册号' },
                { pattern: /^[0-9A-Za-z][0-9A-Za-z\-/. ]{1,48}[0-9A-Za-z]$/, message: '3至50位字母、数字' },
              ]}
            >
              <Input maxLength={50} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="所在国家或地区"
              name={['organisation', 'countryOrRegion']}
              rules={[{ required: true, whitespace: true, message: '请填写所在国家或地区' }]}
            >
              {domicile === 'hk_macao_taiwan' ? (
                <Select options={HK_MACAO_TAIWAN_REGIONS.map((r) => ({ value: r, label: r }))} placeholder="请选择" />
              ) : (
                <Input maxLength={50} placeholder="例如：德国" />
              )}
            </Form.Item>
          </Col>
        </>
      )}
    </>
  );
}
