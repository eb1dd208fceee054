// The listing form's plain sections: 项目信息 (the linked result for a supply listing, title, summary,
// description, field, region) and 联系方式.
import { Card, Col, Form, Input, Row, Select } from 'antd';
import { INDUSTRY_FIELD_LABELS, LISTING_TEXT, type ListingKind } from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { optionsOf } from '../../format.js';
import { phoneRule } from '../../validation.js';

export function ProjectInfoSection({
  kind,
  resultOptions,
  resultsPending,
}: {
  kind: ListingKind;
  resultOptions: { value: string; label: string; disabled: boolean }[];
  resultsPending: boolean;
}) {
  const supply = kind === 'supply';
  return (
    <Card title="项目信息" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        {supply && (
          <Col xs={24}>
            <Form.Item
              label="关联成果"
              name="resultId"
              extra="成果找市场项目须关联一项本单位已登记的职务科技成果；涉密成果不得公开挂牌（措施十五）。"
              rules={[{ required: true, message: '请选择关联成果' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={resultsPending}
                options={resultOptions}
                placeholder="请选择成果"
                notFoundContent={resultsPending ? '加载中…' : '还没有登记成果，请先到“我的成果”登记'}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24}>
          <Form.Item
            label="项目名称"
            name="title"
            rules={[
              { required: true, whitespace: true, message: '请输入项目名称' },
              { min: LISTING_TEXT.title.min, message: `项目名称至少${LISTING_TEXT.title.min}个字` },
            ]}
          >
            <Input maxLength={LISTING_TEXT.title.max} showCount />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label="项目摘要"
            name="summary"
            rules={[
              { required: true, whitespace: true, message: '请输入项目摘要' },
              { min: LISTING_TEXT.summary.min, message: `项目摘要至少${LISTING_TEXT.summary.min}个字` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={LISTING_TEXT.summary.max} showCount />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={kind === 'demand' ? '需求详情' : '成果介绍'} name="description">
            <Input.TextArea rows={6} maxLength={LISTING_TEXT.description.max} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="行业领域" name="field" rules={[{ required: true, message: '请选择行业领域' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={optionsOf(INDUSTRY_FIELD_LABELS)}
              placeholder="请选择"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="所在地区" name="region" rules={[{ required: true, message: '请选择所在地区' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={optionsOf(REGION_LABELS)}
              placeholder="请选择"
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function ContactSection() {
  return (
    <Card title="联系方式" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="联系人"
            name="contactName"
            rules={[{ required: true, whitespace: true, message: '请输入联系人' }]}
          >
            <Input maxLength={LISTING_TEXT.contactName.max} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="联系电话"
            name="contactPhone"
            rules={[{ required: true, message: '请输入联系电话' }, phoneRule]}
          >
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
