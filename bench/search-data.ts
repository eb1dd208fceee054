// Deterministic generator of realistic Chinese listings for the search benchmark: institutions and
// enterprises across Liaoning, research results with patents, supply and demand listings whose text
// is composed from per-field technical vocabularies (so keyword selectivity resembles a real exchange).

import {
  INDUSTRY_FIELDS,
  type IndustryField,
  type ListingStatus,
  type PricingMode,
  type TransactionType,
} from '../domain/constants/listings.js';
import { MATURITY_LEVELS, type Maturity } from '../domain/constants/results.js';
import { REGIONS, type Region } from '../domain/constants/organisations.js';

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function weighted<T>(r: () => number, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of entries) {
    x -= w;
    if (x <= 0) return v;
  }
  return entries[entries.length - 1]![0];
}

/** Per field: technical topics (what a result is about) and applications (where it is used). */
export const VOCABULARY: Record<IndustryField, { topics: string[]; uses: string[] }> = {
  advanced_equipment: {
    topics: [
      '数控机床主轴',
      '精密减速器',
      '液压系统',
      '盾构机刀盘',
      '大型铸锻件',
      '轴承寿命预测',
      '激光熔覆修复',
      '高压阀门密封',
      '齿轮箱故障诊断',
      '重型燃气轮机叶片',
      '五轴联动加工',
      '智能焊接装备',
    ],
    uses: ['装备制造企业', '船舶制造', '轨道交通装备', '冶金设备', '石化装备'],
  },
  robotics_automation: {
    topics: [
      '工业机器人',
      '协作机器人',
      '机器视觉检测',
      '移动机器人导航',
      '机械臂运动控制',
      '伺服驱动器',
      '柔性装配线',
      '数字孪生产线',
      '智能仓储AGV',
      '焊接机器人',
      'PLC控制系统',
      '力控打磨机器人',
    ],
    uses: ['汽车焊装车间', '3C电子装配', '物流仓储', '智能工厂', '危险作业场景'],
  },
  integrated_circuits: {
    topics: [
      '集成电路封装',
      '功率半导体IGBT',
      'MEMS传感器芯片',
      '碳化硅功率器件',
      '射频前端芯片',
      '光刻胶',
      '晶圆缺陷检测',
      '模拟芯片设计',
      'FPGA加速',
      '芯片散热材料',
      '高纯电子气体',
      '存储芯片测试',
    ],
    uses: ['新能源汽车电控', '工业控制', '5G通信设备', '消费电子', '光伏逆变器'],
  },
  electronic_information: {
    topics: [
      '5G基站天线',
      '工业互联网平台',
      '边缘计算网关',
      '人工智能算法',
      '大数据分析平台',
      '区块链溯源',
      '网络安全防护',
      '智慧城市系统',
      '北斗定位终端',
      '物联网传感网络',
      '语音识别引擎',
      '知识图谱构建',
    ],
    uses: ['智能制造', '智慧交通', '政务服务', '能源电力', '医疗健康'],
  },
  new_materials: {
    topics: [
      '碳纤维复合材料',
      '高温合金',
      '钛合金3D打印',
      '石墨烯导热膜',
      '稀土永磁材料',
      '特种陶瓷',
      '高性能镁合金',
      '气凝胶隔热材料',
      '耐蚀涂层',
      '聚酰亚胺薄膜',
      '超高强度钢',
      '陶瓷基复合材料',
    ],
    uses: ['航空发动机', '新能源汽车轻量化', '电子散热', '海洋工程', '建筑节能'],
  },
  petrochemical: {
    topics: [
      '催化裂化催化剂',
      '加氢精制工艺',
      '精细化学品合成',
      '聚烯烃改性',
      '废塑料化学回收',
      '炼化废水处理',
      '润滑油添加剂',
      '高端聚酯材料',
      '乙烯裂解炉',
      '分子筛吸附剂',
      '表面活性剂',
      '生物基化学品',
    ],
    uses: ['炼化企业', '化工园区', '塑料加工', '涂料行业', '日化产品'],
  },
  biomedicine: {
    topics: [
      '单克隆抗体',
      'mRNA疫苗递送',
      '中药有效成分提取',
      '细胞治疗CAR-T',
      '小分子靶向药',
      '基因检测试剂盒',
      '多肽药物合成',
      '生物发酵工艺',
      '药物缓释制剂',
      '干细胞培养',
      '抗肿瘤新药',
      '诊断用酶制剂',
    ],
    uses: ['制药企业', '医院临床', '第三方检测', '生物制品生产', '中药饮片'],
  },
  medical_devices: {
    topics: [
      '医学影像AI辅助诊断',
      '手术机器人',
      '可穿戴心电监测',
      '人工关节',
      '血管介入支架',
      '超声成像探头',
      '体外诊断设备',
      '康复外骨骼',
      '呼吸机控制',
      '微创手术器械',
      '医用高分子导管',
      '远程医疗终端',
    ],
    uses: ['三甲医院', '基层医疗机构', '康复中心', '家庭健康', '体检中心'],
  },
  new_energy: {
    topics: [
      '锂电池正极材料',
      '固态电池电解质',
      '氢燃料电池电堆',
      '光伏组件',
      '风电叶片',
      '储能电站管理',
      '钠离子电池',
      '电池管理系统BMS',
      '动力电池回收',
      '液流电池',
      '光伏逆变器',
      '氢能储运',
    ],
    uses: ['新能源汽车', '储能电站', '分布式光伏', '海上风电', '电网调峰'],
  },
  energy_conservation: {
    topics: [
      '余热回收',
      '工业废水零排放',
      'VOCs治理',
      '烟气脱硫脱硝',
      '固废资源化',
      '土壤修复',
      '高效节能电机',
      '污泥干化',
      '碳捕集利用',
      '膜分离水处理',
      '垃圾焚烧发电',
      '节能变频控制',
    ],
    uses: ['钢铁企业', '火电厂', '化工园区', '市政污水厂', '水泥行业'],
  },
  aerospace: {
    topics: [
      '航空发动机叶片',
      '无人机飞控',
      '卫星通信终端',
      '机载复合材料',
      '航空铝合金',
      '飞行器气动设计',
      '航天器热控',
      '无人机巡检',
      '航空零部件检测',
      '机翼结构健康监测',
      '小型涡喷发动机',
      '星载计算机',
    ],
    uses: ['通用航空', '电力巡检', '航空制造', '应急救援', '遥感测绘'],
  },
  automotive: {
    topics: [
      '新能源汽车电驱',
      '汽车轻量化车身',
      '自动驾驶感知',
      '车载激光雷达',
      '汽车电子控制单元',
      '热管理系统',
      '智能座舱',
      '制动能量回收',
      '汽车线束',
      '燃料电池汽车',
      '车联网V2X',
      '底盘线控转向',
    ],
    uses: ['整车厂', '汽车零部件企业', '商用车', '网约车平台', '物流车队'],
  },
  modern_agriculture: {
    topics: [
      '水稻育种',
      '设施农业物联网',
      '农产品冷链保鲜',
      '智能灌溉',
      '生物农药',
      '畜禽疫病检测',
      '食品安全快检',
      '玉米秸秆综合利用',
      '植物工厂',
      '海参养殖',
      '食用菌栽培',
      '农业无人机植保',
    ],
    uses: ['种植合作社', '食品加工企业', '养殖场', '农业园区', '冷链物流'],
  },
  marine: {
    topics: [
      '海洋防腐涂层',
      '海水淡化',
      '水下机器人',
      '船舶压载水处理',
      '海洋牧场监测',
      '海上风电基础',
      '海藻生物提取',
      '港口自动化',
      '船用低速柴油机',
      '海洋声学探测',
      '深海耐压结构',
      'LNG船用材料',
    ],
    uses: ['港口码头', '船舶企业', '海洋养殖', '海工装备', '海上油气'],
  },
};

const SUPPLY_SUFFIXES = [
  '制备技术',
  '关键技术',
  '成套工艺',
  '技术及应用',
  '系统',
  '装置',
  '方法',
  '平台',
  '优化技术',
  '国产化技术',
];
const SUPPLY_PREFIXES = ['', '', '高效', '低成本', '高性能', '智能化', '新型', '基于AI的', '绿色', '高可靠'];
const DEMAND_TEMPLATES = [
  '寻求{t}技术解决方案',
  '{t}关键技术攻关',
  '{t}国产化替代需求',
  '{t}工艺优化难题',
  '征集{t}合作团队',
  '{t}性能提升技术需求',
];
const BENEFITS = [
  '成本降低30%',
  '效率提升40%',
  '良品率提高到99%',
  '能耗下降25%',
  '寿命延长一倍',
  '精度达到微米级',
  '实现进口替代',
];
const UNIVERSITIES = [
  '大连理工大学',
  '东北大学',
  '辽宁大学',
  '沈阳工业大学',
  '大连海事大学',
  '辽宁工程技术大学',
  '沈阳航空航天大学',
  '大连工业大学',
  '辽宁石油化工大学',
  '沈阳药科大学',
  '中国医科大学',
  '大连医科大学',
  '沈阳农业大学',
  '辽宁科技大学',
  '沈阳化工大学',
  '大连海洋大学',
];
const INSTITUTES = [
  '中国科学院沈阳自动化研究所',
  '中国科学院金属研究所',
  '中国科学院大连化学物理研究所',
  '辽宁省农业科学院',
  '沈阳化工研究院',
  '辽宁省水产科学研究院',
  '沈阳铸造研究所',
  '鞍钢集团钢铁研究院',
];
const HOSPITALS = ['中国医科大学附属第一医院', '辽宁省人民医院', '大连医科大学附属第二医院', '沈阳市第四人民医院'];
const COMPANY_WORDS = [
  '华晨',
  '新松',
  '瓦轴',
  '辽港',
  '北方',
  '东软',
  '金杯',
  '远大',
  '特变',
  '盛京',
  '海辰',
  '辽河',
  '大化',
  '星海',
  '鞍山',
  '本钢',
  '丹东',
  '锦华',
  '营口',
  '盘锦',
];
const COMPANY_SUFFIXES = [
  '科技有限公司',
  '装备制造有限公司',
  '新材料股份有限公司',
  '智能科技有限公司',
  '化工有限公司',
  '生物科技有限公司',
  '能源有限公司',
  '电子有限公司',
];

export interface GeneratedOrganisation {
  kind: 'enterprise' | 'institution';
  name: string;
  region: Region;
  creditCode: string;
  institutionType?: 'university' | 'research_institute' | 'hospital';
}

export function organisations(count: number, seed = 1): GeneratedOrganisation[] {
  const r = rng(seed);
  const out: GeneratedOrganisation[] = [];
  const institutions = [
    ...UNIVERSITIES.map((n) => [n, 'university'] as const),
    ...INSTITUTES.map((n) => [n, 'research_institute'] as const),
    ...HOSPITALS.map((n) => [n, 'hospital'] as const),
  ];
  for (let i = 0; i < count; i++) {
    const credit = `91210${String(100000000000 + i).slice(-12)}X`;
    if (i < institutions.length * 4 && i % 2 === 0) {
      const [name, type] = institutions[(i / 2) % institutions.length]!;
      const suffix = i / 2 >= institutions.length ? `（第${Math.floor(i / 2 / institutions.length) + 1}分部）` : '';
      out.push({
        kind: 'institution',
        name: name + suffix,
        region: pick(r, REGIONS),
        creditCode: credit,
        institutionType: type,
      });
    } else {
      const region = pick(r, REGIONS);
      out.push({
        kind: 'enterprise',
        name: `辽宁${pick(r, COMPANY_WORDS)}${pick(r, COMPANY_WORDS)}${pick(r, COMPANY_SUFFIXES)}${i}`,
        region,
        creditCode: credit,
      });
    }
  }
  return out;
}

export interface GeneratedListing {
  kind: 'supply' | 'demand';
  title: string;
  summary: string;
  description: string;
  field: IndustryField;
  region: Region;
  status: ListingStatus;
  pricingMode: PricingMode | null;
  transactionTypes: TransactionType[];
  priceFen: number | null;
  deadline: Date | null;
  publishedAt: Date;
  maturity: Maturity;
  ipNumbers: string[];
}

const SUPPLY_STATUS: ReadonlyArray<readonly [ListingStatus, number]> = [
  ['showcase', 40],
  ['listed', 20],
  ['notice', 8],
  ['auction', 4],
  ['matched', 6],
  ['converted', 8],
  ['unsold', 3],
  ['expired', 11],
];
const DEMAND_STATUS: ReadonlyArray<readonly [ListingStatus, number]> = [
  ['open', 55],
  ['selecting', 15],
  ['awarded', 10],
  ['landed', 8],
  ['expired', 12],
];
const PRICING: ReadonlyArray<readonly [PricingMode, number]> = [
  ['negotiable', 45],
  ['fixed', 25],
  ['negotiated', 20],
  ['auction', 10],
];
const TRANSACTIONS: ReadonlyArray<readonly [TransactionType[], number]> = [
  [['transfer'], 35],
  [['license'], 25],
  [['transfer', 'license'], 25],
  [['equity'], 8],
  [['transfer', 'license', 'equity'], 7],
];

/** One listing; `i` makes it reproducible and unique. */
export function listing(i: number, now: Date, seed = 7): GeneratedListing {
  const r = rng(seed * 1_000_003 + i);
  const field = pick(r, INDUSTRY_FIELDS);
  const vocab = VOCABULARY[field];
  const topic = pick(r, vocab.topics);
  const other = pick(r, vocab.topics);
  const use = pick(r, vocab.uses);
  const benefit = pick(r, BENEFITS);
  const kind = r() < 0.6 ? 'supply' : 'demand';
  const region = pick(r, REGIONS);
  const publishedAt = new Date(now.getTime() - Math.floor(r() * 730) * 86_400_000 - Math.floor(r() * 86_400_000));
  const patent = `ZL20${String(15 + Math.floor(r() * 10))}1${String(Math.floor(r() * 1e7)).padStart(7, '0')}.${Math.floor(r() * 10)}`;
  const maturity = pick(r, MATURITY_LEVELS);
  if (kind === 'supply') {
    const title = `${pick(r, SUPPLY_PREFIXES)}${topic}${pick(r, SUPPLY_SUFFIXES)}`;
    const summary = `本成果围绕${topic}开展研究，结合${other}技术，面向${use}等场景，经验证可使${benefit}，已获授权发明专利${1 + Math.floor(r() * 4)}项。`;
    const description =
      `一、技术背景：${use}对${topic}提出了更高要求，现有方案存在成本高、稳定性不足等问题。` +
      `二、技术方案：团队提出了一种${topic}的新方法，采用${other}与数字化设计相结合的路线，关键指标达到国内领先水平。` +
      `三、应用前景：可广泛应用于${pick(r, vocab.uses)}和${pick(r, vocab.uses)}，市场空间广阔。` +
      `四、知识产权：核心专利${patent}，另有软件著作权若干。` +
      `五、合作方式：可通过转让、许可或作价投资等方式与企业合作，提供技术培训和中试支持。`;
    const pricingMode = weighted(r, PRICING);
    return {
      kind,
      title,
      summary,
      description,
      field,
      region,
      status: weighted(r, SUPPLY_STATUS),
      pricingMode,
      transactionTypes: [...weighted(r, TRANSACTIONS)],
      priceFen: pricingMode === 'negotiable' ? null : (5 + Math.floor(r() * 500)) * 1_000_000,
      deadline: null,
      publishedAt,
      maturity,
      ipNumbers: [patent],
    };
  }
  const title = pick(r, DEMAND_TEMPLATES).replace('{t}', topic);
  const summary = `我单位在${use}中遇到${topic}方面的技术瓶颈，希望与高校院所合作，实现${benefit}，欢迎具备${other}基础的团队揭榜。`;
  const description =
    `需求背景：随着业务规模扩大，${topic}已成为制约企业发展的关键问题。` +
    `技术指标：要求方案可工程化落地，关键性能指标优于进口产品，并能与现有${other}系统兼容。` +
    `合作方式：委托开发或联合攻关，揭榜方需在一年内完成样机研制与现场验证。` +
    `支持政策：企业提供资金和应用场景，可协助申报辽宁省科技计划项目。`;
  return {
    kind,
    title,
    summary,
    description,
    field,
    region,
    status: weighted(r, DEMAND_STATUS),
    pricingMode: null,
    transactionTypes: [],
    priceFen: (10 + Math.floor(r() * 300)) * 1_000_000,
    deadline: new Date(publishedAt.getTime() + (30 + Math.floor(r() * 300)) * 86_400_000),
    publishedAt,
    maturity,
    ipNumbers: [],
  };
}

/** Keywords users type, from specific (a few hundred hits in 100k) to broad. */
export const BENCH_KEYWORDS = [
  '锂电池',
  '电池',
  '机器人',
  '5G',
  'AI',
  '人工智能',
  '传感器',
  '碳纤维',
  '燃料电池',
  '光伏',
  '无人机',
  '芯片',
  '抗体',
  '疫苗',
  '水处理',
  '催化剂',
  '钛合金',
  '数控机床',
  '激光雷达',
  '储能',
  '海水淡化',
  '育种',
  '医学影像',
  '减速器',
  '石墨烯',
  '焊接',
  '自动驾驶',
  '冷链',
  'MEMS',
  '氢能',
  '工业互联网',
  '涂层',
  '固态电池',
  'IGBT',
  '稀土永磁',
  '中药',
  '手术机器人',
  '余热回收',
  '区块链',
  '水下机器人',
];
