// Sentence fragments combined with the topics to build descriptions, plus moderation texts.

import type { IndustryField, RejectionReasonCode } from '../../domain/constants/listings.js';
import type { Maturity } from '../../domain/constants/results.js';

/** One sentence each on the market for a result in the field, used in supply descriptions. */
export const FIELD_MARKET: Record<IndustryField, string[]> = {
  advanced_equipment: [
    '辽宁是全国重要的装备制造业基地，机床、重型机械和风电装备企业对该类技术需求集中。',
    '该技术可帮助整机企业提升产品可靠性，降低售后维护成本。',
  ],
  robotics_automation: [
    '随着制造企业“机器换人”加速推进，相关技术在汽车、工程机械和电子行业具有广阔市场。',
    '成果可与本地机器人本体企业和系统集成商形成配套。',
  ],
  integrated_circuits: [
    '该成果可服务于省内功率半导体、封装测试和集成电路装备企业，助力关键环节国产化。',
    '相关芯片和工艺在新能源汽车、工业控制领域需求快速增长。',
  ],
  electronic_information: [
    '成果契合工业企业数字化转型需求，可按项目定制部署。',
    '软件已具备产品化基础，可通过许可方式快速推广。',
  ],
  new_materials: [
    '成果可依托辽宁钢铁、镁、硼等资源优势实现就地转化。',
    '该材料在交通运输、能源和高端装备领域具有明确的替代需求。',
  ],
  petrochemical: [
    '辽宁炼化一体化产业规模大，该技术可直接服务于省内石化企业提质增效。',
    '成果有助于企业降低能耗物耗并满足日益严格的环保要求。',
  ],
  biomedicine: [
    '成果可与省内医药企业合作推进产业化，具有良好的临床和市场前景。',
    '该方向符合生物医药产业发展重点，适合以许可或作价投资方式合作。',
  ],
  medical_devices: [
    '成果源自临床需求，已在医院场景中获得初步验证。',
    '产品可替代部分进口设备，基层医疗机构市场空间较大。',
  ],
  new_energy: [
    '辽宁正加快建设清洁能源强省，风光储一体化项目对该技术需求旺盛。',
    '成果可服务于电池材料、储能系统和新能源电站运维企业。',
  ],
  energy_conservation: [
    '在“双碳”目标和超低排放政策推动下，该技术在钢铁、建材、化工等行业具有刚性需求。',
    '项目可采用合同能源管理等方式推广，投资回收期短。',
  ],
  aerospace: [
    '成果可服务于航空零部件配套企业，提升关键零件的加工质量和效率。',
    '相关技术也可向轨道交通、燃气轮机等领域拓展应用。',
  ],
  automotive: [
    '新能源汽车轻量化、电动化趋势下，该技术可为整车厂和零部件企业提供配套。',
    '成果已完成工程化验证，可较快导入零部件供应链。',
  ],
  modern_agriculture: [
    '成果适合在辽宁主要农区推广，可带动农户增收和农业企业降本。',
    '该技术操作简便、投入较低，适宜合作社和中小农业企业应用。',
  ],
  marine: [
    '辽宁海岸线长，港口、海洋渔业和海上风电产业对该技术需求明确。',
    '成果可服务于海洋工程、船舶配套和海水养殖企业。',
  ],
};

export const MATURITY_PHRASES: Record<Maturity, string> = {
  lab: '目前处于实验室阶段，核心指标已在实验室条件下得到验证',
  prototype: '目前处于样机（样品）阶段，关键性能已通过第三方检测',
  pilot: '目前已完成中试验证，具备工程化放大条件',
  industrialised: '目前已具备产业化条件，可直接导入生产',
};

export const PROJECT_TERMS = [
  '希望与高校、科研院所开展联合攻关，项目周期{months}个月。',
  '欢迎具备相关研究基础的团队揭榜，项目周期约{months}个月，可分阶段验收。',
  '揭榜团队需在{months}个月内完成研发和现场验证，公司配备专人对接。',
];

export const SUPPORT_PHRASES: Record<string, string> = {
  rd: '联合研发',
  pilot: '中试验证平台',
  incubation: '项目孵化',
  talent: '人才引进与培养',
  finance: '科技金融',
};

export const TRANSACTION_PHRASES: Record<string, string> = {
  transfer: '转让',
  license: '许可',
  equity: '作价投资',
};

export const REJECTION_TEXTS: Record<'supply' | 'demand', ReadonlyArray<readonly [RejectionReasonCode, string]>> = {
  supply: [
    [
      'incomplete_information',
      '成果简介缺少关键技术指标和知识产权证明材料，请补充专利证书扫描件及主要性能参数后重新提交。',
    ],
    ['ip_unclear', '所列专利的专利权人与发布单位名称不一致，请补充权属变更证明或赋权协议后重新提交。'],
    ['inaccurate_information', '标题中“国际领先”的表述缺少查新报告或鉴定意见支撑，请修改表述或上传证明材料。'],
    ['security_concern', '成果涉及国防应用领域，请先完成单位保密审查并上传审查意见后再提交。'],
    ['duplicate', '该成果已有一条展示中的发布信息，请勿重复发布；如需调整请编辑原信息。'],
  ],
  demand: [
    ['incomplete_information', '需求描述过于简略，未说明现有工艺条件和期望达到的技术指标，请补充后重新提交。'],
    ['inaccurate_information', '榜额与需求描述中的预算金额不一致，请核实后修改。'],
    ['out_of_scope', '所发布内容为设备采购信息，不属于技术需求，请通过招标采购渠道发布。'],
    ['other', '联系人电话无法接通，请核实联系方式后重新提交。'],
  ],
};
