// The result form's 知识产权 card: a list of patents, software copyrights and the like (type, number,
// title, grant date no later than today in Beijing), added and removed one by one.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Divider, Form, Input, Row, Select } from 'antd';
import { IP_TYPE_LABELS, RESULT_TEXT } from '../../../../domain/constants/results.js';
import { optionsOf, todayInShanghai } from '../../format.js';

export function IpItemsSection() {
  return (
    <Card title="知识产权" style={{ marginBottom: 16 }}>
      <Form.List name="ipItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key}>
                {i > 0 && <Divider style={{ margin: '8px 0 16px' }} />}
                <Row gutter={12}>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      label={`第${i + 1}项类型`}
                      name={[f.name, 'type']}
                      rules={[{ required: true, message: '请选择类型' }]}
                    >
                      <Select options={optionsOf(IP_TYPE_LABELS)} placeholder="请选择" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      label={`第${i + 1}项编号`}
                      name={[f.name, 'number']}
                      rules={[{ required: true, whitespace: true, message: '请输入专利号或登记号' }]}
                    >
                      <Input placeholder="如 ZL202110000000.0" maxLength={RESULT_TEXT.ipNumber.max} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item label={`第${i + 1}项名称`} name={[f.name, 'title']}>
                      <Input maxLength={RESULT_TEXT.ipTitle.max} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10} md={5}>
                    <Form.Item label={`第${i + 1}项授权日`} name={[f.name, 'grantDate']}>
                      <DatePicker
                        style={{ width: '100%' }}
                        disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} md={1} style={{ paddingTop: 30 }}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第${i + 1}项知识产权`}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              </div>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ type: undefined, number: '', title: '', grantDate: null })}
            >
              添加知识产权
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
