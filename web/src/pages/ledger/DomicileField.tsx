// 措施十五: where a counterparty not registered on the platform is registered (境内 / 港澳台 / 境外 —
// not who owns it). Outside the mainland, the conversion is effective only after the result's
// technology-export review; the field says so before the api refuses.
import { Form, Select } from 'antd';
import { DOMICILE_LABELS } from '../../../../domain/constants/organisations.js';
import { optionsOf } from '../../format.js';

export function DomicileField() {
  const domicile = Form.useWatch('counterpartyDomicile', Form.useFormInstance());
  return (
    <Form.Item
      label="对方登记地"
      name="counterpartyDomicile"
      extra={
        domicile && domicile !== 'mainland'
          ? '对方在中国境外（含港澳台）登记：须先在成果页完成该成果的技术出口管制审查确认，才能登记为已生效；确认前请先登记为草拟（措施十五）。'
          : '按对方的注册登记地选择，与是否外资无关'
      }
    >
      <Select options={optionsOf(DOMICILE_LABELS)} />
    </Form.Item>
  );
}
