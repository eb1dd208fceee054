// Fictional organisations for the demo. Every name is invented; none is meant to resemble a real
// company, university, institute or hospital.

import type {
  Affiliation,
  Domicile,
  InstitutionType,
  OwnershipType,
  Region,
  SizeClass,
} from '../../domain/constants/organisations.js';
import type { IndustryField } from '../../domain/constants/listings.js';

export const EMAIL_DOMAIN = 'demo.jiebang.cn';

export interface InstitutionSeed {
  key: string;
  name: string;
  region: Region;
  institutionType: InstitutionType;
  affiliation: Affiliation;
  /** Fields its results are drawn from (a pending institution gets a couple of drafts only). */
  fields: IndustryField[];
  address: string;
  description: string;
  verified: boolean;
  demoNote?: string;
}

export interface EnterpriseSeed {
  key: string;
  name: string;
  /** A Liaoning city; null for an enterprise registered outside the mainland. */
  region: Region | null;
  /**
   * 措施十五: registered outside the mainland (default: mainland, with a credit code). Such an
   * enterprise identifies with its own registration number and country or region.
   */
  outside?: { domicile: Exclude<Domicile, 'mainland'>; registrationNumber: string; countryOrRegion: string };
  /** A 外资 enterprise whose domicile operators have still to confirm (the domicile review list). */
  domicileReviewPending?: boolean;
  sizeClass: SizeClass;
  ownershipType: OwnershipType;
  /** Fields its demands are drawn from. */
  fields: IndustryField[];
  address: string;
  /** One or two sentences; also opens the description of each of its demands. */
  profile: string;
  verified: boolean;
  demoNote?: string;
}

export const OPERATOR_ORG = {
  key: 'op',
  name: '辽宁双向揭榜挂帅平台运营中心',
  region: 'shenyang' as Region,
  address: '沈阳市浑南区智慧四街16号',
  description: '负责平台机构认证、发布信息审核、公示异议处理和成果池定期发布。',
};

export const INSTITUTIONS: InstitutionSeed[] = [
  {
    key: 'inst01',
    name: '北辰工业大学',
    region: 'shenyang',
    institutionType: 'university',
    affiliation: 'provincial',
    fields: [
      'advanced_equipment',
      'robotics_automation',
      'electronic_information',
      'new_materials',
      'aerospace',
      'automotive',
    ],
    address: '沈阳市浑南区创新路88号',
    description: '省属工科大学，设有机械、材料、信息、汽车等12个学院，建有省级技术转移中心，年均签订技术合同400余项。',
    verified: true,
    demoNote:
      '省属高校，已认证；成果和成果找市场发布最多；转化台账有平台成交、先用后付许可、场外许可（含逾期分期款）和作价投资股权',
  },
  {
    key: 'inst02',
    name: '连湾理工大学',
    region: 'dalian',
    institutionType: 'university',
    affiliation: 'central_in_liaoning',
    fields: [
      'integrated_circuits',
      'electronic_information',
      'petrochemical',
      'new_energy',
      'energy_conservation',
      'marine',
    ],
    address: '大连市甘井子区凌海路2号',
    description: '中央驻辽高校，化工、能源动力、船舶与海洋工程学科特色鲜明，设有知识产权运营中心。',
    verified: true,
  },
  {
    key: 'inst03',
    name: '渤海材料研究院',
    region: 'jinzhou',
    institutionType: 'research_institute',
    affiliation: 'provincial',
    fields: ['new_materials', 'new_energy', 'integrated_circuits'],
    address: '锦州市太和区科技路19号',
    description: '省属科研院所，聚焦先进结构材料、电子材料和储能材料，拥有百吨级材料中试基地。',
    verified: true,
  },
  {
    key: 'inst04',
    name: '北方精密装备研究所',
    region: 'shenyang',
    institutionType: 'research_institute',
    affiliation: 'central_in_liaoning',
    fields: ['advanced_equipment', 'robotics_automation', 'aerospace', 'automotive'],
    address: '沈阳市皇姑区崇山东路31号',
    description: '中央驻辽科研院所，从事精密制造、特种加工与检测技术研究，承担多项国家重点研发计划项目。',
    verified: true,
  },
  {
    key: 'inst05',
    name: '千峰冶金与材料研究院',
    region: 'anshan',
    institutionType: 'research_institute',
    affiliation: 'provincial',
    fields: ['new_materials', 'energy_conservation'],
    address: '鞍山市铁东区千山中路56号',
    description: '省属冶金科研院所，长期服务钢铁、镁质耐火材料产业，在冶金固废利用方面积累深厚。',
    verified: true,
  },
  {
    key: 'inst06',
    name: '浑河化工技术研究院',
    region: 'fushun',
    institutionType: 'research_institute',
    affiliation: 'provincial',
    fields: ['petrochemical', 'energy_conservation'],
    address: '抚顺市望花区石化路7号',
    description: '省属化工科研院所，研究方向为炼油催化、精细化工和化工环保，拥有多套中试装置。',
    verified: true,
  },
  {
    key: 'inst07',
    name: '北辰医科大学附属启明医院',
    region: 'shenyang',
    institutionType: 'hospital',
    affiliation: 'provincial',
    fields: ['medical_devices', 'biomedicine'],
    address: '沈阳市和平区南京南街155号',
    description: '省属三级甲等综合医院，开放床位3200张，设有临床研究中心和医工结合转化平台。',
    verified: true,
    demoNote: '省属医院，已认证；医疗器械与生物医药成果',
  },
  {
    key: 'inst08',
    name: '北岭农业科技研究院',
    region: 'tieling',
    institutionType: 'research_institute',
    affiliation: 'provincial',
    fields: ['modern_agriculture'],
    address: '铁岭市银州区农科街12号',
    description: '省属农业科研院所，从事寒地作物育种、设施农业和农产品加工研究，拥有试验田1200亩。',
    verified: true,
  },
  {
    key: 'inst09',
    name: '辽东湾海洋技术研究院',
    region: 'panjin',
    institutionType: 'research_institute',
    affiliation: 'central_in_liaoning',
    fields: ['marine', 'modern_agriculture', 'petrochemical'],
    address: '盘锦市兴隆台区海湾大道101号',
    description: '中央驻辽海洋科研机构，研究方向包括海洋工程装备、海水养殖和海洋环境监测。',
    verified: true,
  },
  {
    key: 'inst10',
    name: '连湾理工大学附属海晟医院',
    region: 'dalian',
    institutionType: 'hospital',
    affiliation: 'central_in_liaoning',
    fields: ['medical_devices', 'biomedicine'],
    address: '大连市沙河口区星海路66号',
    description: '三级综合医院，依托理工科优势开展医工交叉研究，设有医疗器械临床试验机构。',
    verified: true,
  },
  {
    key: 'inst11',
    name: '风原新能源技术研究院',
    region: 'fuxin',
    institutionType: 'research_institute',
    affiliation: 'provincial',
    fields: ['new_energy'],
    address: '阜新市细河区能源路5号',
    description: '新组建的省属科研院所，面向风电、光伏和储能开展应用技术研究。',
    verified: false,
    demoNote: '待认证科研单位：出现在运营方认证队列中',
  },
];

export const ENTERPRISES: EnterpriseSeed[] = [
  {
    key: 'ent01',
    name: '沈北精密机床有限公司',
    region: 'shenyang',
    sizeClass: 'medium',
    ownershipType: 'private',
    fields: ['advanced_equipment', 'robotics_automation'],
    address: '沈阳市沈北新区蒲河路210号',
    profile: '公司成立于2006年，主要从事立式、卧式加工中心和数控龙门铣床的研发制造，年产机床约600台。',
    verified: true,
    demoNote: '中型民营企业（中小微），已认证；可发榜、可申请先用后付许可；“应付款项”中有一笔逾期的许可分期款',
  },
  {
    key: 'ent02',
    name: '盛辽重型装备集团有限公司',
    region: 'shenyang',
    sizeClass: 'large',
    ownershipType: 'state_wholly_owned',
    fields: ['advanced_equipment', 'energy_conservation'],
    address: '沈阳市铁西区北一路77号',
    profile: '集团为省属国有全资企业，主营冶金、矿山和能源重型成套装备，年营业收入约86亿元。',
    verified: true,
    demoNote: '大型国有全资企业，已认证（协议定价可免评估的受让方）',
  },
  {
    key: 'ent03',
    name: '鞍岭特钢股份有限公司',
    region: 'anshan',
    sizeClass: 'large',
    ownershipType: 'state_controlled',
    fields: ['new_materials', 'energy_conservation'],
    address: '鞍山市立山区胜利北路300号',
    profile: '公司为国有控股特殊钢生产企业，具备年产特钢280万吨能力，产品包括轴承钢、齿轮钢和高端板材。',
    verified: true,
  },
  {
    key: 'ent04',
    name: '大连弗莱茵精密传动有限公司',
    region: 'dalian',
    sizeClass: 'medium',
    ownershipType: 'foreign',
    fields: ['robotics_automation', 'automotive'],
    address: '大连市金州区松岚街18号',
    profile: '公司为外商独资企业，生产精密减速器、汽车传动齿轮和自动化装配设备，产品约四成出口。',
    verified: true,
    demoNote: '外资中型企业，在境内登记，已认证：属境内主体，受让无需出口管制确认，可申请先用后付许可（措施五、十五）',
  },
  {
    key: 'ent05',
    name: '抚东石化新材料有限公司',
    region: 'fushun',
    sizeClass: 'medium',
    ownershipType: 'state_controlled',
    fields: ['petrochemical'],
    address: '抚顺市东洲区化工大街26号',
    profile: '公司为国有控股石化企业，拥有常减压、催化裂化和聚丙烯等生产装置，年加工原油350万吨。',
    verified: true,
  },
  {
    key: 'ent06',
    name: '本溪青峪制药有限公司',
    region: 'benxi',
    sizeClass: 'medium',
    ownershipType: 'private',
    fields: ['biomedicine'],
    address: '本溪市明山区药都大道9号',
    profile: '公司是一家集化学药、中成药研发生产于一体的制药企业，拥有片剂、胶囊剂和颗粒剂等8条GMP生产线。',
    verified: true,
  },
  {
    key: 'ent07',
    name: '丹东浦石检测仪器有限公司',
    region: 'dandong',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['electronic_information', 'medical_devices'],
    address: '丹东市振兴区仪器城路5号',
    profile: '公司专注于工业检测仪器和医用检测设备的研发生产，员工120人，其中研发人员占三成。',
    verified: true,
  },
  {
    key: 'ent08',
    name: '锦州晶源半导体材料有限公司',
    region: 'jinzhou',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['integrated_circuits'],
    address: '锦州市经济技术开发区渤海大道东段33号',
    profile: '公司从事功率半导体器件和数模混合芯片的设计、封装与测试，拥有8英寸晶圆切割和封装测试产线。',
    verified: true,
  },
  {
    key: 'ent09',
    name: '营口辰阳储能科技有限公司',
    region: 'yingkou',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['new_energy'],
    address: '营口市鲅鱼圈区新港大街88号',
    profile: '公司从事磷酸铁锂储能电池、储能系统集成及新能源电站运营，已建成2 GWh电芯产线。',
    verified: true,
  },
  {
    key: 'ent10',
    name: '阜新风谷液压件有限公司',
    region: 'fuxin',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['advanced_equipment', 'new_energy'],
    address: '阜新市细河区液压产业园3号',
    profile: '公司生产工程机械用柱塞泵、液压阀和油缸，并运营两座分散式风电场，年销售收入约2.3亿元。',
    verified: true,
  },
  {
    key: 'ent11',
    name: '辽阳衡石芳烃化工有限公司',
    region: 'liaoyang',
    sizeClass: 'large',
    ownershipType: 'state_controlled',
    fields: ['petrochemical', 'energy_conservation'],
    address: '辽阳市宏伟区化工园区南路1号',
    profile: '公司为国有控股大型化工企业，主要产品包括芳烃、乙烯下游衍生物和精细化学品，职工4800人。',
    verified: true,
  },
  {
    key: 'ent12',
    name: '盘锦碧浪海洋工程有限公司',
    region: 'panjin',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['marine', 'modern_agriculture'],
    address: '盘锦市大洼区临港路15号',
    profile: '公司从事海洋工程服务、海水养殖和海珍品加工，拥有海参养殖池塘2600亩和一座加工厂。',
    verified: true,
  },
  {
    key: 'ent13',
    name: '铁岭北原专用车有限公司',
    region: 'tieling',
    sizeClass: 'medium',
    ownershipType: 'private',
    fields: ['automotive'],
    address: '铁岭市经济开发区专用车产业园8号',
    profile: '公司主营环卫车、冷藏车等专用汽车及零部件，年产专用车约3500辆。',
    verified: true,
  },
  {
    key: 'ent14',
    name: '朝阳禾穗农业科技有限公司',
    region: 'chaoyang',
    sizeClass: 'micro',
    ownershipType: 'private',
    fields: ['modern_agriculture'],
    address: '朝阳市双塔区农业科技园1号',
    profile: '公司是一家农业科技小微企业，经营设施蔬菜基地和鲜食玉米加工，带动周边农户300余户。',
    verified: true,
  },
  {
    key: 'ent15',
    name: '葫芦岛泊渊船舶配套有限公司',
    region: 'huludao',
    sizeClass: 'medium',
    ownershipType: 'state_wholly_owned',
    fields: ['marine'],
    address: '葫芦岛市龙港区滨海路42号',
    profile: '公司为国有全资船舶配套企业，生产船体分段、舾装件和船用环保设备，年承接分段约2万吨。',
    verified: true,
  },
  {
    key: 'ent16',
    name: '大连启航智能软件有限公司',
    region: 'dalian',
    sizeClass: 'micro',
    ownershipType: 'private',
    fields: ['electronic_information'],
    address: '大连市高新园区软件园路11号',
    profile: '公司成立于2024年，团队12人，开发面向中小制造企业的工业软件。',
    verified: false,
    demoNote: '待认证微型企业：可登录，发布前需运营方完成认证',
  },
  {
    key: 'ent17',
    name: '沈阳北翼航空部件有限公司',
    region: 'shenyang',
    sizeClass: 'medium',
    ownershipType: 'state_controlled',
    fields: ['aerospace'],
    address: '沈阳市大东区航空路39号',
    profile: '公司为国有控股航空零部件制造企业，承担机体结构件、复合材料构件和紧固件的配套生产。',
    verified: true,
  },
  {
    key: 'ent18',
    name: '大连星澜医疗科技有限公司',
    region: 'dalian',
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['medical_devices', 'biomedicine'],
    address: '大连市高新园区黄浦路517号',
    profile: '公司从事内窥镜、呼吸治疗设备和体外诊断试剂的研发生产，已取得二类、三类医疗器械注册证14项。',
    verified: true,
  },
  {
    key: 'ent19',
    name: '沈阳云栈工业互联网科技有限公司',
    region: 'shenyang',
    sizeClass: 'micro',
    ownershipType: 'private',
    fields: ['electronic_information'],
    address: '沈阳市浑南区世纪路2号',
    profile: '公司为初创企业，提供设备联网和生产数据采集服务。',
    verified: false,
  },
  {
    key: 'ent20',
    name: '营口樱川精细化工有限公司',
    region: 'yingkou',
    sizeClass: 'small',
    ownershipType: 'foreign',
    fields: ['petrochemical', 'new_materials'],
    address: '营口市老边区精细化工园区6号',
    profile: '公司为中外合资企业（外方控股），生产阻燃剂、涂料助剂和电子化学品，产品主要供应东北亚市场。',
    verified: true,
    // Registered as 外资 before domicile was recorded: on the operators' domicile review list.
    domicileReviewPending: true,
  },
  {
    key: 'ent21',
    name: '香港澄海精密科技有限公司',
    region: null,
    outside: { domicile: 'hk_macao_taiwan', registrationNumber: '3158462', countryOrRegion: '中国香港' },
    sizeClass: 'small',
    ownershipType: 'private',
    fields: ['robotics_automation', 'medical_devices'],
    address: '香港九龙观塘道388号创纪之城一期12楼',
    profile: '公司在香港登记注册，从事精密运动控制部件和医疗器械零部件的研发与贸易。',
    verified: true,
    demoNote:
      '在香港登记的企业，已认证：摘牌、报名竞买、申请先用后付许可和成交前，须科研单位先确认该成果的技术出口管制审查（措施十五）',
  },
];

/** Registered on no platform: counterparties named in negotiated (协议定价) listings. */
export const EXTERNAL_COUNTERPARTIES = [
  '天津海钧新材料科技有限公司',
  '河北冀安精工装备有限公司',
  '吉林松原恒信化工有限公司',
  '江苏润泽电池材料有限公司',
  '山东齐岳海洋科技有限公司',
  '浙江甬禾智能装备有限公司',
  '黑龙江北垦农业发展有限公司',
  '北京瀚辰医疗器械有限公司',
];

/** Name parts for fictional people (contacts, inventors, staff). */
export const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎姜崔谭关白孟常邹',
];

export const GIVEN_NAMES =
  '志强 海峰 晓东 建国 丽娜 雪梅 文博 思远 宏伟 振华 立新 春生 明轩 雨桐 佳琪 俊杰 浩然 一鸣 淑华 秀英 德胜 永刚 红霞 静怡 晨曦 鹏飞 欣悦 博文 国栋 玉洁 子健 光明 凤霞 长青 天宇 美玲 学军 冬梅 铁军 婧 磊 洋 敏 超 静 勇 丹 威 健 颖'.split(
    ' ',
  );
