// A fixed corpus of realistic listings and the relevance set over it (issue 5). Each query lists the
// listings a person typing it wants to see; the relevance suite measures precision@5 against them.
// Documents are built through the real document builder, so the corpus also exercises it.

import type {
  IndustryField,
  ListingKind,
  ListingStatus,
  PricingMode,
  TransactionType,
} from '../../domain/constants/listings.js';
import type { Maturity } from '../../domain/constants/results.js';
import type { Region } from '../../domain/constants/organisations.js';
import { buildSearchDocument } from '../../search/document.js';
import type { SearchDocument } from '../../search/types.js';

interface Entry {
  key: string;
  kind: ListingKind;
  field: IndustryField;
  region: Region;
  org: string;
  title: string;
  summary: string;
  description?: string;
  ip?: string[];
  status?: ListingStatus;
  pricingMode?: PricingMode;
  priceWan?: number;
  transactionTypes?: TransactionType[];
  maturity?: Maturity;
  daysAgo?: number;
}

const S = 'supply' as const;
const D = 'demand' as const;

// prettier-ignore
export const CORPUS: Entry[] = [
  // ---- new energy ----
  { key: 's01', kind: S, field: 'new_energy', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '高能量密度锂电池正极材料制备技术', summary: '采用高镍三元前驱体共沉淀与表面包覆工艺，锂电池正极材料比容量达到210mAh/g，循环寿命提升40%。', ip: ['ZL202310123456.7', 'ZL202210765432.1'], pricingMode: 'fixed', priceWan: 800, maturity: 'pilot', daysAgo: 20 },
  { key: 's02', kind: S, field: 'new_energy', region: 'shenyang', org: '东北大学', title: '硅碳复合负极材料及其规模化制备', summary: '面向锂离子电池的硅碳负极，体积膨胀率低，首次库伦效率超过90%，已完成百公斤级中试。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 60 },
  { key: 's03', kind: S, field: 'new_energy', region: 'dalian', org: '大连理工大学', title: '硫化物固态电解质及全固态电池', summary: '室温离子电导率达10mS/cm的硫化物电解质，全固态电池安全性显著提高，不起火不爆炸。', pricingMode: 'negotiated', priceWan: 1200, maturity: 'lab', daysAgo: 100 },
  { key: 's04', kind: S, field: 'new_energy', region: 'anshan', org: '辽宁科技大学', title: '钠离子电池层状氧化物正极', summary: '以铁锰基层状氧化物为正极，钠资源丰富，成本较磷酸铁锂低30%，适合两轮车和储能。', pricingMode: 'fixed', priceWan: 300, maturity: 'prototype', daysAgo: 45 },
  { key: 's05', kind: S, field: 'new_energy', region: 'tieling', org: '沈阳工业大学', title: '退役动力电池梯次利用与回收技术', summary: '快速分选检测退役动力电池健康状态，梯次用于通信基站备电，末端湿法回收镍钴锰。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 200 },
  { key: 's06', kind: S, field: 'new_energy', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '质子交换膜氢燃料电池电堆', summary: '百千瓦级燃料电池电堆，低铂催化剂用量0.2g/kW，冷启动温度-30℃，可用于重卡和叉车。', pricingMode: 'auction', priceWan: 2000, maturity: 'pilot', daysAgo: 15 },
  { key: 's07', kind: S, field: 'new_energy', region: 'shenyang', org: '辽宁大学', title: '钙钛矿太阳能电池稳定性提升技术', summary: '通过界面钝化使钙钛矿组件在湿热环境下稳定运行1000小时，光电转换效率超过24%。', pricingMode: 'negotiable', maturity: 'lab', daysAgo: 30 },
  { key: 's08', kind: S, field: 'new_energy', region: 'jinzhou', org: '锦州阳光能源研究院', title: '高效单晶硅光伏组件', summary: 'TOPCon电池结构与多主栅技术结合，光伏组件量产效率达到22.8%，适用于分布式屋顶电站。', pricingMode: 'fixed', priceWan: 500, maturity: 'industrialised', daysAgo: 90 },
  { key: 's09', kind: S, field: 'new_energy', region: 'fuxin', org: '辽宁工程技术大学', title: '风电叶片碳纤维主梁拉挤工艺', summary: '大型风电叶片主梁采用碳纤维拉挤板，叶片减重15%，提升海上风机发电量。', pricingMode: 'negotiated', priceWan: 900, maturity: 'pilot', daysAgo: 70 },
  { key: 's10', kind: S, field: 'new_energy', region: 'dalian', org: '大连融科储能研究院', title: '全钒液流电池储能系统', summary: '兆瓦级全钒液流电池储能，循环次数超过15000次，本质安全，适合电网调峰和新能源配储。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 10 },
  { key: 'd01', kind: D, field: 'new_energy', region: 'yingkou', org: '营口储能科技有限公司', title: '储能电站电池管理系统开发', summary: '需要开发适配280Ah电芯的BMS，实现均衡管理、SOC估算精度3%以内，并支持云端监控。', priceWan: 150, daysAgo: 5 },
  { key: 'd02', kind: D, field: 'new_energy', region: 'dalian', org: '大连星海新能源有限公司', title: '寻求锂电池热失控早期预警技术', summary: '我司储能柜多次出现锂电池鼓包，希望获得气体探测与温度融合的热失控预警方案。', priceWan: 80, daysAgo: 3 },
  { key: 's75', kind: S, field: 'new_energy', region: 'panjin', org: '辽宁石油化工大学', title: '锂电池隔膜陶瓷涂覆材料', summary: '勃姆石陶瓷涂覆隔膜，热收缩率低于2%，提高锂电池耐高温与穿刺安全性。', pricingMode: 'fixed', priceWan: 260, maturity: 'industrialised', daysAgo: 130 },
  { key: 's76', kind: S, field: 'new_energy', region: 'anshan', org: '鞍钢集团钢铁研究院', title: '电池级碳酸锂提纯技术', summary: '从盐湖卤水中提取碳酸锂，纯度达99.5%以上，满足电池级原料要求。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 160 },
  { key: 's77', kind: S, field: 'new_energy', region: 'dandong', org: '丹东电子研究所', title: '电动自行车铅酸电池快速充电技术', summary: '脉冲去硫化快充算法，充电时间缩短一半，延长铅酸蓄电池寿命。', pricingMode: 'fixed', priceWan: 40, maturity: 'industrialised', daysAgo: 300 },
  { key: 'd21', kind: D, field: 'new_energy', region: 'huludao', org: '葫芦岛锂能材料有限公司', title: '锂电池正极材料降本增效需求', summary: '现有三元正极烧结能耗高，希望在不降低容量的前提下降低锂电池正极材料制造成本20%。', priceWan: 120, daysAgo: 8 },
  { key: 's81', kind: S, field: 'new_energy', region: 'shenyang', org: '沈阳工业大学', title: '大功率直流充电桩功率模块', summary: '碳化硅器件的30kW充电模块，效率96%，适用于电动汽车超级快充站。', pricingMode: 'fixed', priceWan: 180, maturity: 'prototype', daysAgo: 50 },
  { key: 's82', kind: S, field: 'new_energy', region: 'dalian', org: '大连理工大学', title: '高压气态储氢瓶及氢能储运装备', summary: '70MPa四型储氢瓶，碳纤维缠绕内胆，满足氢能重卡与加氢站储运需求。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 40 },
  { key: 's83', kind: S, field: 'new_energy', region: 'chaoyang', org: '沈阳自动化研究所', title: '光伏电站智能清洗运维机器人', summary: '无水清扫光伏板，自动跨排，发电效率提升8%，降低沙尘地区运维成本。', pricingMode: 'fixed', priceWan: 150, maturity: 'industrialised', daysAgo: 75 },
  { key: 'd22', kind: D, field: 'automotive', region: 'shenyang', org: '沈阳华晨新能源汽车有限公司', title: '新能源汽车电池包轻量化设计需求', summary: '电池包壳体需减重25%，同时满足挤压与针刺安全要求，欢迎材料与结构团队揭榜。', priceWan: 300, daysAgo: 12 },
  { key: 'd23', kind: D, field: 'electronic_information', region: 'dalian', org: '大连港能电力有限公司', title: '电动汽车充电桩运维管理平台需求', summary: '对全市2000台充电桩进行故障预测和远程运维，需要具备数据分析能力的团队。', priceWan: 90, daysAgo: 25 },
  // ---- automotive ----
  { key: 's11', kind: S, field: 'automotive', region: 'shenyang', org: '沈阳工业大学', title: '新能源汽车永磁同步电驱系统', summary: '扁线绕组与油冷结构，电驱系统功率密度达4.5kW/kg，适用于纯电动乘用车。', pricingMode: 'negotiated', priceWan: 1500, maturity: 'pilot', daysAgo: 35 },
  { key: 's12', kind: S, field: 'automotive', region: 'dalian', org: '大连理工大学', title: '电动汽车热泵空调与整车热管理系统', summary: 'CO2热泵在-20℃仍能高效制热，冬季续航提升15%，集成电池与电机热管理。', pricingMode: 'fixed', priceWan: 600, maturity: 'prototype', daysAgo: 55 },
  { key: 's13', kind: S, field: 'automotive', region: 'shenyang', org: '东北大学', title: '车载激光雷达点云感知算法', summary: '基于深度学习的点云目标检测与跟踪，适用于L4级自动驾驶，检测精度达95%。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 28 },
  { key: 'd03', kind: D, field: 'automotive', region: 'dalian', org: '大连金杯智能驾驶有限公司', title: '自动驾驶多传感器环境感知融合方案征集', summary: '园区无人配送车需要摄像头、毫米波雷达与激光雷达融合感知，夜间识别率不低于90%。', priceWan: 200, daysAgo: 6 },
  { key: 'd04', kind: D, field: 'automotive', region: 'tieling', org: '铁岭专用车制造有限公司', title: '专用车铝合金车身轻量化技术需求', summary: '冷藏车厢体改用铝合金型材与复合板，减重20%并保证焊接强度。', priceWan: 100, daysAgo: 18 },
  { key: 's14', kind: S, field: 'automotive', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '燃料电池汽车动力系统集成', summary: '燃料电池与动力电池混合动力控制策略，百公里氢耗降低8%，已在公交车示范运行。', pricingMode: 'auction', priceWan: 1800, maturity: 'pilot', daysAgo: 22 },
  { key: 's99', kind: S, field: 'automotive', region: 'jinzhou', org: '辽宁工业大学', title: '汽车线束自动化生产线', summary: '线束端子自动压接与视觉检测，人工减少60%，适合整车线束工厂。', pricingMode: 'fixed', priceWan: 350, maturity: 'industrialised', daysAgo: 140 },
  { key: 's100', kind: S, field: 'automotive', region: 'shenyang', org: '东软集团研究院', title: '智能座舱多模态语音交互系统', summary: '车载语音识别与手势识别融合，噪声环境下识别率97%，支持方言。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 65 },
  { key: 's101', kind: S, field: 'automotive', region: 'dalian', org: '大连海事大学', title: '激光雷达光学窗口防雾镀膜', summary: '疏水防雾镀膜使激光雷达窗口在雨雾中保持高透过率，耐磨性强。', pricingMode: 'fixed', priceWan: 70, maturity: 'prototype', daysAgo: 110 },
  // ---- electronic information ----
  { key: 's15', kind: S, field: 'electronic_information', region: 'dalian', org: '大连理工大学', title: '5G基站大规模天线阵列', summary: '64通道Massive MIMO天线阵列，采用轻量化振子设计，5G基站覆盖提升20%。', pricingMode: 'negotiated', priceWan: 700, maturity: 'prototype', daysAgo: 33 },
  { key: 's16', kind: S, field: 'electronic_information', region: 'shenyang', org: '东软集团研究院', title: '面向工业互联网的5G边缘计算网关', summary: '支持5G专网接入和OPC UA协议转换的边缘计算网关，毫秒级时延，服务智能工厂。', pricingMode: 'fixed', priceWan: 220, maturity: 'industrialised', daysAgo: 14 },
  { key: 's17', kind: S, field: 'electronic_information', region: 'shenyang', org: '东北大学', title: '人工智能语音识别引擎', summary: '基于深度学习的端到端语音识别，中文识别准确率98%，支持离线部署在国产芯片上。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 80 },
  { key: 's18', kind: S, field: 'electronic_information', region: 'dalian', org: '大连理工大学', title: '领域知识图谱构建与智能问答平台', summary: '自动抽取实体关系构建行业知识图谱，结合大模型实现企业内部智能问答。', pricingMode: 'fixed', priceWan: 160, maturity: 'prototype', daysAgo: 27 },
  { key: 's19', kind: S, field: 'modern_agriculture', region: 'tieling', org: '沈阳农业大学', title: '区块链农产品质量溯源平台', summary: '从田间到餐桌全流程上链，消费者扫码可查种植、加工、物流信息。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 120 },
  { key: 'd05', kind: D, field: 'robotics_automation', region: 'anshan', org: '鞍山精密铸件有限公司', title: '铸件表面缺陷AI视觉质检系统需求', summary: '人工目检漏检率高，寻求基于AI的视觉检测方案，漏检率低于0.5%，节拍3秒一件。', priceWan: 120, daysAgo: 9 },
  { key: 's20', kind: S, field: 'electronic_information', region: 'benxi', org: '本溪智能仪表研究所', title: '物联网智能水表远程抄表系统', summary: 'NB-IoT通信的智能水表，电池寿命8年，支持远程抄表和漏损分析。', pricingMode: 'fixed', priceWan: 90, maturity: 'industrialised', daysAgo: 150 },
  { key: 'd06', kind: D, field: 'electronic_information', region: 'dalian', org: '大连港口集团信息公司', title: '港区IoT设备安全防护方案需求', summary: '港区上万台IoT终端存在弱口令与固件漏洞，需要轻量级身份认证与入侵检测方案。', priceWan: 160, daysAgo: 16 },
  { key: 's21', kind: S, field: 'electronic_information', region: 'shenyang', org: '沈阳航空航天大学', title: '北斗高精度定位终端', summary: '北斗三号多频RTK定位，平面精度厘米级，用于精准农业和工程机械引导。', pricingMode: 'fixed', priceWan: 130, maturity: 'industrialised', daysAgo: 95 },
  { key: 'd19', kind: D, field: 'electronic_information', region: 'fuxin', org: '阜新矿业集团有限公司', title: '寻求5G专网在井下矿山的应用方案', summary: '井下需要低时延无线通信支撑远程采掘和视频回传，寻求5G专网组网与防爆终端方案。', priceWan: 400, daysAgo: 11 },
  { key: 'd20', kind: D, field: 'advanced_equipment', region: 'shenyang', org: '沈阳鼓风机集团有限公司', title: '基于人工智能算法的车间排产优化', summary: '多品种小批量生产排产依赖人工经验，希望用人工智能算法实现动态排产，交期达成率提升到95%。', priceWan: 180, daysAgo: 7 },
  { key: 's95', kind: S, field: 'electronic_information', region: 'shenyang', org: '沈阳工业大学', title: '电网负荷预测人工智能模型', summary: '融合气象数据的深度学习负荷预测，日前预测误差低于2%，已在地市电网应用。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 85 },
  { key: 's98', kind: S, field: 'electronic_information', region: 'dalian', org: '大连海事大学', title: '区块链电子合同存证系统', summary: '电子合同哈希上链存证，司法链对接，支持在线核验与取证。', pricingMode: 'fixed', priceWan: 60, maturity: 'industrialised', daysAgo: 210 },
  { key: 's84', kind: S, field: 'medical_devices', region: 'shenyang', org: '中国医科大学附属第一医院', title: '虚拟现实手术培训系统', summary: '基于VR与力反馈的腹腔镜手术模拟训练，可量化评估住院医师操作水平。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 48 },
  // ---- integrated circuits ----
  { key: 's22', kind: S, field: 'integrated_circuits', region: 'dalian', org: '大连理工大学', title: '碳化硅MOSFET功率器件', summary: '1200V碳化硅MOSFET，导通电阻低，可用于新能源汽车电控和光伏逆变器。', pricingMode: 'negotiated', priceWan: 1100, maturity: 'prototype', daysAgo: 38 },
  { key: 's23', kind: S, field: 'integrated_circuits', region: 'shenyang', org: '沈阳工业大学', title: 'IGBT模块封装可靠性提升技术', summary: '银烧结与铜线键合工艺，IGBT模块功率循环寿命提高3倍。', pricingMode: 'fixed', priceWan: 450, maturity: 'pilot', daysAgo: 58 },
  { key: 's24', kind: S, field: 'integrated_circuits', region: 'shenyang', org: '中国科学院沈阳自动化研究所', title: 'MEMS压力传感器芯片', summary: '硅压阻式MEMS压力传感器，量程0-10MPa，温漂小，可替代进口用于工业变送器。', ip: ['ZL202110987654.3'], pricingMode: 'fixed', priceWan: 320, maturity: 'industrialised', daysAgo: 66 },
  { key: 's25', kind: S, field: 'integrated_circuits', region: 'dalian', org: '大连理工大学', title: '集成电路晶圆缺陷光学检测设备', summary: '暗场散射成像检测晶圆表面纳米级颗粒与划痕，检测速度每小时60片。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 77 },
  { key: 'd07', kind: D, field: 'integrated_circuits', region: 'dalian', org: '大连芯源微电子有限公司', title: '国产化射频前端芯片设计合作', summary: '寻求具备射频芯片设计能力的团队，联合开发5G手机用低噪声放大器与开关芯片。', priceWan: 500, daysAgo: 13 },
  { key: 's26', kind: S, field: 'integrated_circuits', region: 'shenyang', org: '东北大学', title: '低功耗模拟芯片设计IP核', summary: '超低功耗ADC与LDO芯片IP，静态电流小于1微安，适合可穿戴和物联网终端。', pricingMode: 'fixed', priceWan: 200, maturity: 'prototype', daysAgo: 88 },
  { key: 's78', kind: S, field: 'integrated_circuits', region: 'dalian', org: '大连理工大学', title: 'AI芯片神经网络加速器架构', summary: '存算一体神经网络加速器，能效比达到10TOPS/W，面向端侧AI推理。', pricingMode: 'negotiable', maturity: 'lab', daysAgo: 52 },
  { key: 's85', kind: S, field: 'integrated_circuits', region: 'yingkou', org: '营口微纳传感研究院', title: 'MEMS麦克风声学芯片', summary: '高信噪比MEMS麦克风，信噪比70dB，适用于TWS耳机与智能音箱。', pricingMode: 'fixed', priceWan: 150, maturity: 'industrialised', daysAgo: 170 },
  { key: 's86', kind: S, field: 'aerospace', region: 'shenyang', org: '沈阳航空航天大学', title: '微机电系统惯性导航模组', summary: '基于微机电系统陀螺与加速度计的组合导航，零偏稳定性1°/h，适用于无人系统。', pricingMode: 'negotiated', priceWan: 280, maturity: 'prototype', daysAgo: 61 },
  { key: 's92', kind: S, field: 'integrated_circuits', region: 'shenyang', org: '沈阳化工研究院', title: 'KrF光刻胶国产化技术', summary: '248nm光刻胶树脂与光酸合成，分辨率达到0.18微米，已通过晶圆厂验证。', pricingMode: 'negotiated', priceWan: 2500, maturity: 'pilot', daysAgo: 44 },
  { key: 's93', kind: S, field: 'integrated_circuits', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '高纯电子特气提纯工艺', summary: '三氟化氮等电子气体纯度达到6N，满足集成电路制造要求。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 99 },
  // ---- robotics & automation ----
  { key: 's27', kind: S, field: 'robotics_automation', region: 'shenyang', org: '中国科学院沈阳自动化研究所', title: '六轴协作机器人一体化关节模组', summary: '集成电机、减速器、编码器与驱动器的关节模组，协作机器人负载10kg，支持拖动示教。', pricingMode: 'fixed', priceWan: 400, maturity: 'industrialised', daysAgo: 19 },
  { key: 's28', kind: S, field: 'robotics_automation', region: 'shenyang', org: '沈阳工业大学', title: '焊接机器人视觉焊缝跟踪系统', summary: '激光视觉实时识别焊缝位置，焊接机器人纠偏精度0.2mm，适用于工程机械厚板焊接。', pricingMode: 'fixed', priceWan: 240, maturity: 'industrialised', daysAgo: 36 },
  { key: 's29', kind: S, field: 'robotics_automation', region: 'dalian', org: '大连理工大学', title: '仓储物流AGV移动机器人集群调度', summary: '百台AGV移动机器人多车路径规划与交通管制，仓库吞吐量提升35%。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 41 },
  { key: 's30', kind: S, field: 'robotics_automation', region: 'shenyang', org: '沈阳自动化研究所', title: '国产化PLC可编程控制系统', summary: '兼容IEC 61131-3编程标准的PLC，支持EtherCAT总线，替代进口小型控制器。', pricingMode: 'fixed', priceWan: 260, maturity: 'industrialised', daysAgo: 73 },
  { key: 'd08', kind: D, field: 'robotics_automation', region: 'shenyang', org: '沈阳金杯汽车模具有限公司', title: '求购汽车焊装线机器人集成方案', summary: '新建白车身焊装线需要20台焊接机器人的系统集成与离线编程，要求节拍60JPH。', priceWan: 900, daysAgo: 4 },
  { key: 's31', kind: S, field: 'robotics_automation', region: 'anshan', org: '辽宁科技大学', title: '力控打磨抛光机器人', summary: '六维力传感器实现恒力打磨，适用于铸件去毛刺与卫浴抛光，替代高粉尘人工岗位。', pricingMode: 'fixed', priceWan: 190, maturity: 'industrialised', daysAgo: 84 },
  { key: 'd09', kind: D, field: 'robotics_automation', region: 'yingkou', org: '营口港机装备有限公司', title: '数字孪生产线建设需求', summary: '建设装配车间数字孪生系统，实现设备状态实时映射与产能仿真。', priceWan: 260, daysAgo: 21 },
  { key: 's79', kind: S, field: 'robotics_automation', region: 'shenyang', org: '东北大学', title: '工业机器人减速器寿命测试平台', summary: '加速寿命试验台对RV减速器和谐波减速器进行扭转刚度与回差测试。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 125 },
  { key: 's94', kind: S, field: 'robotics_automation', region: 'liaoyang', org: '辽宁石油化工大学', title: '变电站轮式巡检机器人', summary: '可见光与红外双光谱巡检机器人，自动识别表计读数与设备过热，实现无人值守。', pricingMode: 'fixed', priceWan: 170, maturity: 'industrialised', daysAgo: 57 },
  { key: 'd26', kind: D, field: 'robotics_automation', region: 'fuxin', org: '阜新矿业集团有限公司', title: '煤矿井下带式输送机巡检机器人需求', summary: '井下皮带巷人工巡检强度大，需要防爆巡检机器人识别托辊异响与跑偏。', priceWan: 220, daysAgo: 10 },
  // ---- advanced equipment ----
  { key: 's32', kind: S, field: 'advanced_equipment', region: 'dalian', org: '大连理工大学', title: '五轴联动数控机床误差补偿技术', summary: '几何误差与热误差综合建模补偿，数控机床加工精度提升50%，适用于航空结构件加工。', pricingMode: 'fixed', priceWan: 350, maturity: 'industrialised', daysAgo: 26 },
  { key: 's33', kind: S, field: 'advanced_equipment', region: 'dalian', org: '大连理工大学', title: '机器人用精密RV减速器', summary: '高精度RV减速器，回差小于1弧分，寿命6000小时，满足工业机器人关节需求。', pricingMode: 'negotiated', priceWan: 600, maturity: 'pilot', daysAgo: 47 },
  { key: 's34', kind: S, field: 'advanced_equipment', region: 'shenyang', org: '东北大学', title: '盾构机刀盘耐磨堆焊技术', summary: '碳化钨复合堆焊层使盾构机刀盘寿命延长一倍，减少换刀停机。', pricingMode: 'fixed', priceWan: 160, maturity: 'industrialised', daysAgo: 190 },
  { key: 's35', kind: S, field: 'advanced_equipment', region: 'dalian', org: '瓦房店轴承研究院', title: '风电主轴轴承寿命预测与健康监测', summary: '振动与油液多源数据融合诊断风电轴承故障，提前30天预警。', pricingMode: 'negotiable', maturity: 'prototype', daysAgo: 63 },
  { key: 'd10', kind: D, field: 'advanced_equipment', region: 'panjin', org: '盘锦石化装备有限公司', title: '高温高压阀门密封失效问题攻关', summary: '加氢装置阀门在400℃工况下泄漏，寻求密封结构与材料改进方案。', priceWan: 150, daysAgo: 17 },
  { key: 's36', kind: S, field: 'advanced_equipment', region: 'benxi', org: '辽宁科技大学', title: '激光熔覆修复冶金轧辊', summary: '高速激光熔覆在轧辊表面制备耐磨涂层，修复成本仅为新辊的三分之一。', pricingMode: 'fixed', priceWan: 210, maturity: 'industrialised', daysAgo: 112 },
  // ---- new materials ----
  { key: 's37', kind: S, field: 'new_materials', region: 'shenyang', org: '中国科学院金属研究所', title: 'T800级碳纤维复合材料', summary: '高强中模碳纤维及其预浸料，拉伸强度5.5GPa，用于航空航天与压力容器。', pricingMode: 'negotiated', priceWan: 3000, maturity: 'pilot', daysAgo: 31 },
  { key: 's38', kind: S, field: 'new_materials', region: 'shenyang', org: '中国科学院金属研究所', title: '钛合金3D打印航空结构件', summary: '激光选区熔化成形TC4钛合金复杂结构件，力学性能达到锻件水平。', ip: ['ZL201910456789.2'], pricingMode: 'fixed', priceWan: 800, maturity: 'pilot', daysAgo: 24 },
  { key: 's39', kind: S, field: 'new_materials', region: 'dalian', org: '大连理工大学', title: '石墨烯导热膜', summary: '高取向石墨烯导热膜，面内热导率1500W/mK，用于手机和服务器散热。', pricingMode: 'fixed', priceWan: 300, maturity: 'industrialised', daysAgo: 67 },
  { key: 's40', kind: S, field: 'new_materials', region: 'shenyang', org: '东北大学', title: '高性能钕铁硼稀土永磁材料', summary: '晶界扩散重稀土技术，矫顽力提高30%，用于新能源汽车驱动电机。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 54 },
  { key: 's41', kind: S, field: 'new_materials', region: 'yingkou', org: '营口新材料研究院', title: '二氧化硅气凝胶隔热毡', summary: '常温导热系数0.018W/mK，用于管道保温与动力电池包防火隔热。', pricingMode: 'fixed', priceWan: 120, maturity: 'industrialised', daysAgo: 101 },
  { key: 'd11', kind: D, field: 'aerospace', region: 'shenyang', org: '沈阳黎明航空零部件有限公司', title: '寻求增材制造用高温合金粉末', summary: '需要氧含量低于100ppm的镍基高温合金球形粉末，用于燃烧室零件激光成形。', priceWan: 350, daysAgo: 15 },
  { key: 's42', kind: S, field: 'marine', region: 'dalian', org: '大连海事大学', title: '海洋工程重防腐涂层', summary: '石墨烯改性环氧重防腐涂层，耐盐雾6000小时，用于跨海大桥与海上平台。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 83 },
  { key: 's89', kind: S, field: 'new_materials', region: 'chaoyang', org: '辽宁大学', title: '稀土抛光粉制备工艺', summary: '铈基稀土抛光粉粒度均匀，用于光学玻璃和显示面板精密抛光。', pricingMode: 'fixed', priceWan: 90, maturity: 'industrialised', daysAgo: 180 },
  { key: 's90', kind: S, field: 'new_materials', region: 'yingkou', org: '营口镁质材料研究院', title: '高强韧镁合金压铸件', summary: '稀土镁合金压铸，延伸率提高到12%，用于汽车方向盘骨架与座椅支架。', pricingMode: 'fixed', priceWan: 200, maturity: 'pilot', daysAgo: 93 },
  { key: 'd25', kind: D, field: 'new_materials', region: 'dandong', org: '丹东精密陶瓷有限公司', title: '求购高纯氧化铝陶瓷成型技术', summary: '需要99.9%高纯氧化铝陶瓷基板流延成型工艺，翘曲度小于0.1%。', priceWan: 130, daysAgo: 19 },
  { key: 's91', kind: S, field: 'new_materials', region: 'dalian', org: '大连理工大学', title: '氮化硅陶瓷轴承球', summary: '热等静压氮化硅陶瓷球，用于高速电主轴与新能源汽车电机混合陶瓷轴承。', pricingMode: 'fixed', priceWan: 230, maturity: 'pilot', daysAgo: 106 },
  { key: 'd27', kind: D, field: 'new_materials', region: 'jinzhou', org: '锦州石化复材有限公司', title: '寻求碳纤维低成本制造技术', summary: '希望采用大丝束原丝与快速预氧化工艺，将碳纤维成本降低40%。', priceWan: 500, daysAgo: 23 },
  { key: 's102', kind: S, field: 'aerospace', region: 'shenyang', org: '中国科学院金属研究所', title: '镍基高温合金涡轮盘锻造工艺', summary: '等温锻造与组织控制，涡轮盘高温持久性能提升，用于航空发动机。', pricingMode: 'negotiated', priceWan: 1600, maturity: 'pilot', daysAgo: 71 },
  { key: 's103', kind: S, field: 'automotive', region: 'shenyang', org: '沈阳工业大学', title: '稀土永磁同步电机高效设计', summary: '低重稀土永磁同步电机，最高效率97%，用于电动汽车与工业风机。', pricingMode: 'fixed', priceWan: 280, maturity: 'industrialised', daysAgo: 59 },
  // ---- petrochemical ----
  { key: 's43', kind: S, field: 'petrochemical', region: 'fushun', org: '辽宁石油化工大学', title: '重油催化裂化催化剂', summary: '高活性稳定性分子筛催化剂，提高轻质油收率2个百分点，降低焦炭产率。', pricingMode: 'negotiated', priceWan: 1000, maturity: 'industrialised', daysAgo: 37 },
  { key: 's44', kind: S, field: 'petrochemical', region: 'panjin', org: '中国科学院大连化学物理研究所', title: '废塑料化学回收制取燃料油', summary: '混合废塑料催化热解制油，油品收率75%，实现塑料循环利用。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 62 },
  { key: 's45', kind: S, field: 'petrochemical', region: 'fushun', org: '沈阳化工大学', title: '聚烯烃弹性体POE合成工艺', summary: '茂金属催化乙烯与辛烯共聚，POE用于光伏胶膜，打破国外垄断。', pricingMode: 'fixed', priceWan: 1300, maturity: 'pilot', daysAgo: 29 },
  { key: 'd12', kind: D, field: 'petrochemical', region: 'huludao', org: '葫芦岛石化有限公司', title: '炼化废水深度处理技术需求', summary: '含油含盐废水经生化后COD仍超标，需要高级氧化与膜处理组合工艺。', priceWan: 200, daysAgo: 14 },
  { key: 's46', kind: S, field: 'petrochemical', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '分子筛吸附剂及变压吸附工艺', summary: '高选择性分子筛吸附剂，用于氢气提纯和二氧化碳捕集。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 118 },
  // ---- biomedicine ----
  { key: 's47', kind: S, field: 'biomedicine', region: 'shenyang', org: '沈阳药科大学', title: '抗PD-1人源化单克隆抗体', summary: '高亲和力人源化抗体，临床前药效优于对照药，适用于多种实体瘤免疫治疗。', pricingMode: 'negotiated', priceWan: 5000, maturity: 'lab', daysAgo: 43 },
  { key: 's48', kind: S, field: 'biomedicine', region: 'dalian', org: '大连医科大学', title: 'mRNA疫苗脂质纳米颗粒递送系统', summary: '可电离脂质新结构，mRNA疫苗递送效率高、肝外靶向，具备自主知识产权。', pricingMode: 'negotiable', maturity: 'lab', daysAgo: 34 },
  { key: 's49', kind: S, field: 'biomedicine', region: 'tieling', org: '辽宁中医药大学', title: '人参皂苷提取纯化工艺', summary: '中药人参中稀有皂苷的酶转化与大孔树脂纯化，收率提高3倍。', pricingMode: 'fixed', priceWan: 180, maturity: 'pilot', daysAgo: 86 },
  { key: 's50', kind: S, field: 'biomedicine', region: 'shenyang', org: '中国医科大学', title: 'CAR-T细胞治疗制备工艺', summary: '封闭式自动化CAR-T细胞制备，生产周期缩短至7天，降低细胞治疗成本。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 51 },
  { key: 'd13', kind: D, field: 'medical_devices', region: 'dalian', org: '大连生物诊断有限公司', title: '寻求呼吸道病原体快速检测试剂盒合作', summary: '需要多重荧光PCR检测试剂盒开发能力，30分钟出结果，用于基层医院。', priceWan: 240, daysAgo: 20 },
  { key: 's51', kind: S, field: 'biomedicine', region: 'shenyang', org: '沈阳药科大学', title: '多肽药物固相合成与纯化', summary: 'GLP-1类多肽药物固相合成，总收率提高到35%，杂质可控。', pricingMode: 'fixed', priceWan: 600, maturity: 'pilot', daysAgo: 69 },
  { key: 'd24', kind: D, field: 'biomedicine', region: 'benxi', org: '本溪中药制药有限公司', title: '中药配方颗粒质量控制技术需求', summary: '建立中药配方颗粒特征图谱与含量测定方法，满足国家标准。', priceWan: 80, daysAgo: 24 },
  { key: 's88', kind: S, field: 'biomedicine', region: 'benxi', org: '辽宁中医药大学', title: '中药饮片智能炮制设备', summary: '温度与翻炒自动控制的炒制设备，中药饮片质量稳定，降低人工依赖。', pricingMode: 'fixed', priceWan: 150, maturity: 'industrialised', daysAgo: 104 },
  // ---- medical devices ----
  { key: 's52', kind: S, field: 'medical_devices', region: 'shenyang', org: '东软集团研究院', title: '医学影像人工智能辅助诊断系统', summary: '肺结节与脑卒中CT影像AI辅助诊断，敏感度96%，已获二类医疗器械注册证。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 32 },
  { key: 's53', kind: S, field: 'medical_devices', region: 'shenyang', org: '中国科学院沈阳自动化研究所', title: '骨科手术机器人', summary: '光学导航骨科手术机器人，置钉精度1mm以内，缩短手术时间30%。', pricingMode: 'negotiated', priceWan: 2200, maturity: 'prototype', daysAgo: 39 },
  { key: 's54', kind: S, field: 'medical_devices', region: 'dalian', org: '大连理工大学', title: '可穿戴心电监测贴', summary: '柔性电极单导联心电监测，连续佩戴14天，自动识别房颤。', pricingMode: 'fixed', priceWan: 140, maturity: 'prototype', daysAgo: 46 },
  { key: 's55', kind: S, field: 'medical_devices', region: 'shenyang', org: '中国医科大学附属第一医院', title: '可降解镁合金血管支架', summary: '镁合金冠脉支架在体内两年内完全降解，避免长期异物反应。', pricingMode: 'negotiable', maturity: 'lab', daysAgo: 115 },
  { key: 'd14', kind: D, field: 'medical_devices', region: 'chaoyang', org: '朝阳医疗器械有限公司', title: '基层医院远程超声诊断设备需求', summary: '需要便携式超声与远程会诊系统，上级医院专家可远程操控探头。', priceWan: 110, daysAgo: 26 },
  { key: 's56', kind: S, field: 'medical_devices', region: 'shenyang', org: '东北大学', title: '下肢康复外骨骼机器人', summary: '助力型下肢外骨骼，步态识别与自适应助力，适用于卒中患者康复训练。', pricingMode: 'fixed', priceWan: 320, maturity: 'prototype', daysAgo: 72 },
  { key: 'd28', kind: D, field: 'medical_devices', region: 'dalian', org: '大连医疗影像科技有限公司', title: '寻求医学影像AI算法合作伙伴', summary: '拥有10万例标注超声影像数据，寻求AI算法团队联合开发甲状腺结节辅助诊断。', priceWan: 300, daysAgo: 2 },
  // ---- energy conservation ----
  { key: 's57', kind: S, field: 'energy_conservation', region: 'anshan', org: '东北大学', title: '钢铁烧结烟气脱硫脱硝一体化技术', summary: '活性炭法同时脱硫脱硝，超低排放达标，副产硫酸资源化。', pricingMode: 'negotiated', priceWan: 1500, maturity: 'industrialised', daysAgo: 42 },
  { key: 's58', kind: S, field: 'energy_conservation', region: 'benxi', org: '大连理工大学', title: '工业余热回收有机朗肯循环发电', summary: '80-200℃低品位余热回收发电，系统效率12%，投资回收期三年。', pricingMode: 'fixed', priceWan: 380, maturity: 'industrialised', daysAgo: 53 },
  { key: 's59', kind: S, field: 'energy_conservation', region: 'dalian', org: '中国科学院大连化学物理研究所', title: 'VOCs催化燃烧治理装置', summary: '低温催化燃烧处理喷涂废气中VOCs，去除率99%，无二次污染。', pricingMode: 'fixed', priceWan: 170, maturity: 'industrialised', daysAgo: 81 },
  { key: 's60', kind: S, field: 'energy_conservation', region: 'shenyang', org: '沈阳建筑大学', title: '市政污泥低温干化技术', summary: '热泵低温干化将污泥含水率降至30%，能耗比传统工艺低40%。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 135 },
  { key: 'd15', kind: D, field: 'energy_conservation', region: 'panjin', org: '盘锦化工园区管理委员会', title: '化工园区高盐废水零排放处理技术需求', summary: '园区高盐废水需要蒸发结晶与分盐处理，实现零排放与结晶盐资源化。', priceWan: 800, daysAgo: 9 },
  { key: 's105', kind: S, field: 'energy_conservation', region: 'shenyang', org: '沈阳建筑大学', title: '污水处理厂智能曝气控制', summary: '基于溶解氧模型预测的精准曝气，污水处理厂鼓风机电耗降低20%。', pricingMode: 'fixed', priceWan: 120, maturity: 'industrialised', daysAgo: 145 },
  // ---- aerospace ----
  { key: 's62', kind: S, field: 'aerospace', region: 'shenyang', org: '中国科学院金属研究所', title: '航空发动机单晶涡轮叶片', summary: '镍基单晶高温合金叶片定向凝固工艺，承温能力提高50℃。', pricingMode: 'negotiated', priceWan: 4000, maturity: 'pilot', daysAgo: 49 },
  { key: 's63', kind: S, field: 'aerospace', region: 'shenyang', org: '沈阳航空航天大学', title: '无人机电力线路自主巡检系统', summary: '无人机沿输电线路自主飞行，AI识别绝缘子破损与异物，巡检效率提升5倍。', pricingMode: 'fixed', priceWan: 260, maturity: 'industrialised', daysAgo: 18 },
  { key: 's64', kind: S, field: 'aerospace', region: 'shenyang', org: '沈阳航空航天大学', title: '复合翼垂直起降无人机', summary: '垂直起降固定翼无人机，续航4小时，适用于测绘和应急通信。', pricingMode: 'fixed', priceWan: 300, maturity: 'industrialised', daysAgo: 64 },
  { key: 'd16', kind: D, field: 'aerospace', region: 'shenyang', org: '沈阳通用航空有限公司', title: '通航飞机复合材料部件修理技术', summary: '机翼与整流罩复合材料分层损伤需要现场修理工艺与无损检测方法。', priceWan: 90, daysAgo: 27 },
  { key: 's65', kind: S, field: 'aerospace', region: 'dalian', org: '大连海事大学', title: '船载卫星通信便携终端', summary: 'Ku波段动中通卫星通信天线，自动对星，保障远洋船舶宽带通信。', pricingMode: 'fixed', priceWan: 190, maturity: 'industrialised', daysAgo: 97 },
  // ---- modern agriculture ----
  { key: 's66', kind: S, field: 'modern_agriculture', region: 'panjin', org: '沈阳农业大学', title: '耐盐碱水稻新品种选育', summary: '分子标记辅助育种培育耐盐碱水稻，盐碱地亩产提高15%。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 58 },
  { key: 's67', kind: S, field: 'modern_agriculture', region: 'shenyang', org: '沈阳农业大学', title: '设施农业物联网环境调控系统', summary: '温室温湿度、光照与二氧化碳物联网监测，自动控制卷帘和通风。', pricingMode: 'fixed', priceWan: 80, maturity: 'industrialised', daysAgo: 76 },
  { key: 's68', kind: S, field: 'modern_agriculture', region: 'dalian', org: '大连工业大学', title: '生鲜农产品冷链保鲜包装', summary: '气调包装与冰温保鲜结合，樱桃冷链运输货架期延长一倍。', pricingMode: 'fixed', priceWan: 100, maturity: 'industrialised', daysAgo: 89 },
  { key: 's69', kind: S, field: 'modern_agriculture', region: 'tieling', org: '沈阳农业大学', title: '植保无人机精准变量施药', summary: '基于处方图的变量喷洒，农药用量减少30%，适用于玉米和水稻田。', pricingMode: 'fixed', priceWan: 120, maturity: 'industrialised', daysAgo: 35 },
  { key: 'd17', kind: D, field: 'modern_agriculture', region: 'tieling', org: '铁岭农业发展有限公司', title: '玉米秸秆综合利用技术需求', summary: '每年10万吨玉米秸秆需要饲料化或生物质燃料化利用方案。', priceWan: 60, daysAgo: 30 },
  { key: 's70', kind: S, field: 'marine', region: 'dalian', org: '大连海洋大学', title: '海参工厂化育苗技术', summary: '控温控光循环水育苗，海参苗成活率提高到60%。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 140 },
  { key: 's87', kind: S, field: 'modern_agriculture', region: 'dalian', org: '大连工业大学', title: '冷链运输温度物联网监控', summary: '冷藏车厢多点温度物联网监测，超温自动报警，数据全程可追溯。', pricingMode: 'fixed', priceWan: 70, maturity: 'industrialised', daysAgo: 92 },
  { key: 's96', kind: S, field: 'modern_agriculture', region: 'chaoyang', org: '沈阳农业大学', title: '智能灌溉水肥一体化系统', summary: '土壤墒情传感与滴灌联动，节水40%，适合设施蔬菜与果园。', pricingMode: 'fixed', priceWan: 90, maturity: 'industrialised', daysAgo: 108 },
  { key: 's97', kind: S, field: 'modern_agriculture', region: 'shenyang', org: '沈阳农业大学', title: '食品安全农药残留快速检测试纸', summary: '酶抑制法快检试纸，10分钟判定有机磷农药残留，适合农贸市场。', pricingMode: 'fixed', priceWan: 30, maturity: 'industrialised', daysAgo: 160 },
  // ---- marine ----
  { key: 's71', kind: S, field: 'marine', region: 'dalian', org: '大连海事大学', title: '水下机器人检测作业系统', summary: '观察级ROV水下机器人搭载声呐与机械手，完成桥墩与海底管道检测。', pricingMode: 'negotiated', priceWan: 700, maturity: 'prototype', daysAgo: 66 },
  { key: 's72', kind: S, field: 'marine', region: 'dalian', org: '大连海事大学', title: '船舶压载水处理系统', summary: '电解与紫外联合处理压载水，满足国际海事组织D-2标准。', pricingMode: 'fixed', priceWan: 450, maturity: 'industrialised', daysAgo: 128 },
  { key: 's73', kind: S, field: 'marine', region: 'yingkou', org: '大连理工大学', title: '智慧港口自动化集装箱码头', summary: '自动化岸桥与无人集卡协同调度，码头作业效率提升30%。', pricingMode: 'negotiable', maturity: 'industrialised', daysAgo: 74 },
  { key: 'd18', kind: D, field: 'marine', region: 'huludao', org: '葫芦岛海上风电有限公司', title: '海上风电基础防腐方案需求', summary: '导管架基础在浪溅区腐蚀严重，需要长效防腐涂层与阴极保护方案。', priceWan: 300, daysAgo: 22 },
  { key: 's74', kind: S, field: 'marine', region: 'dalian', org: '大连海事大学', title: '船用低速柴油机排放控制技术', summary: '选择性催化还原与废气再循环，满足Tier III氮氧化物排放标准。', pricingMode: 'negotiated', priceWan: 900, maturity: 'pilot', daysAgo: 87 },
  { key: 's61', kind: S, field: 'marine', region: 'huludao', org: '大连理工大学', title: '膜分离海水淡化成套装备', summary: '能量回收型反渗透海水淡化，吨水电耗2.8千瓦时，适用于海岛和沿海工业园。', pricingMode: 'fixed', priceWan: 650, maturity: 'industrialised', daysAgo: 56 },
  { key: 's104', kind: S, field: 'marine', region: 'dalian', org: '中国科学院大连化学物理研究所', title: '海水淡化用高通量反渗透膜', summary: '界面聚合制备高通量聚酰胺反渗透膜，脱盐率99.8%。', pricingMode: 'negotiable', maturity: 'pilot', daysAgo: 79 },
];

export interface RelevanceQuery {
  q: string;
  /** The listings that answer the query; any order. */
  relevant: string[];
}

// prettier-ignore
export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // Whole words and 2-character substrings of longer words.
  { q: '锂电池', relevant: ['s01', 'd02', 's75', 'd21', 's02'] },
  { q: '锂电', relevant: ['s01', 'd02', 's75', 'd21', 's02'] },
  { q: '电池', relevant: ['s01', 's02', 's03', 's04', 's05', 's06', 's07', 's10', 'd01', 'd02', 's75', 's76', 's77', 'd21', 'd22', 's14', 's41'] },
  { q: '正极', relevant: ['s01', 's04', 'd21'] },
  { q: '燃料电池', relevant: ['s06', 's14'] },
  { q: '固态电池', relevant: ['s03'] },
  { q: '储能', relevant: ['s10', 'd01', 'd02', 's04'] },
  { q: '光伏', relevant: ['s08', 's83', 's07', 's45', 's22'] },
  { q: '充电桩', relevant: ['s81', 'd23'] },
  { q: '机器人', relevant: ['s27', 's28', 's29', 's31', 's53', 's56', 's71', 's79', 's83', 's94', 'd08', 'd26', 's33'] },
  { q: '焊接机器人', relevant: ['s28', 'd08'] },
  { q: '巡检机器人', relevant: ['s94', 'd26'] },
  { q: '手术机器人', relevant: ['s53'] },
  { q: '减速器', relevant: ['s33', 's79', 's27'] },
  { q: '数控机床', relevant: ['s32'] },
  { q: '无人机', relevant: ['s63', 's64', 's69'] },
  { q: '无人机巡检', relevant: ['s63'] },
  { q: '碳纤维', relevant: ['s37', 's09', 'd27', 's82'] },
  { q: '钛合金', relevant: ['s38'] },
  { q: '稀土永磁', relevant: ['s40', 's103'] },
  { q: '高温合金', relevant: ['d11', 's102', 's62'] },
  { q: '陶瓷', relevant: ['d25', 's91', 's75'] },
  { q: '芯片', relevant: ['s24', 'd07', 's26', 's78', 's85', 's17'] },
  { q: '碳化硅', relevant: ['s22', 's81'] },
  { q: '激光雷达', relevant: ['s13', 's101', 'd03'] },
  { q: '自动驾驶', relevant: ['s13', 'd03'] },
  { q: '区块链', relevant: ['s19', 's98'] },
  { q: '冷链', relevant: ['s68', 's87'] },
  { q: '海水淡化', relevant: ['s61', 's104'] },
  { q: '中药', relevant: ['s49', 'd24', 's88'] },
  { q: '抗体', relevant: ['s47'] },
  { q: '医学影像', relevant: ['s52', 'd28'] },
  { q: '水稻育种', relevant: ['s66'] },
  { q: '脱硫脱硝', relevant: ['s57'] },
  { q: '余热回收', relevant: ['s58'] },
  { q: '废水处理', relevant: ['d12', 'd15'] },
  { q: '防腐涂层', relevant: ['s42', 'd18'] },
  // Latin abbreviations, case and width folding.
  { q: '5G', relevant: ['s15', 's16', 'd19', 'd07'] },
  { q: '５ｇ', relevant: ['s15', 's16', 'd19', 'd07'] },
  { q: 'IGBT', relevant: ['s23'] },
  { q: 'PLC', relevant: ['s30'] },
  { q: 'mRNA疫苗', relevant: ['s48'] },
  { q: 'CAR-T', relevant: ['s50'] },
  // Patent numbers, with and without the ZL prefix.
  { q: 'ZL202310123456.7', relevant: ['s01'] },
  { q: '202310123456.7', relevant: ['s01'] },
  { q: 'zl202110987654.3', relevant: ['s24'] },
  { q: 'ZL201910456789.2', relevant: ['s38'] },
  // Synonyms (search/synonyms.ts).
  { q: 'AI', relevant: ['s17', 's52', 's78', 'd05', 'd20', 's95', 'd28', 's63'] },
  { q: '人工智能', relevant: ['s17', 's52', 's78', 'd05', 'd20', 's95', 'd28', 's63'] },
  { q: '新能源汽车', relevant: ['s11', 'd22', 's12', 'd23', 's22', 's40', 's81', 's91', 's103'] },
  { q: '电动汽车', relevant: ['s11', 'd22', 's12', 'd23', 's22', 's40', 's81', 's91', 's103'] },
  { q: '物联网', relevant: ['s20', 's67', 's87', 'd06', 's26'] },
  { q: 'IoT', relevant: ['s20', 's67', 's87', 'd06', 's26'] },
  { q: '3D打印', relevant: ['s38', 'd11'] },
  { q: '增材制造', relevant: ['s38', 'd11'] },
  { q: 'MEMS', relevant: ['s24', 's85', 's86'] },
  { q: '微机电系统', relevant: ['s24', 's85', 's86'] },
  { q: 'BMS', relevant: ['d01'] },
  { q: '虚拟现实', relevant: ['s84'] },
  // Several words, owners and places.
  { q: '大连 锂电池', relevant: ['s01', 'd02'] },
  { q: '沈阳 机器人', relevant: ['s27', 's28', 's53', 's56', 's79', 'd08', 's94', 's83'] },
  { q: '锂电池热失控预警', relevant: ['d02'] },
  { q: '中国科学院金属研究所', relevant: ['s37', 's38', 's62', 's102'] },
  { q: '基于深度学习的语音识别', relevant: ['s17', 's100'] },
];

/** Stable ids for the corpus keys. */
export function corpusId(key: string): string {
  const n = Number(key.slice(1)) + (key.startsWith('d') ? 500 : 0);
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function corpusKey(id: string): string {
  const n = Number(id.slice(-12));
  return n >= 500 ? `d${String(n - 500).padStart(2, '0')}` : `s${String(n).padStart(2, '0')}`;
}

/** The corpus as search documents, built by the document builder, published relative to `now`. */
export function corpusDocuments(now: Date): SearchDocument[] {
  return CORPUS.map((e) => {
    const publishedAt = new Date(now.getTime() - (e.daysAgo ?? 30) * 86_400_000);
    const doc = buildSearchDocument({
      listing: {
        id: corpusId(e.key),
        kind: e.kind,
        organisationId: '00000000-0000-4000-8000-900000000000',
        resultId: e.kind === 'supply' ? corpusId(e.key).replace('-8000-', '-9000-') : null,
        title: e.title,
        summary: e.summary,
        description: e.description ?? '',
        field: e.field,
        region: e.region,
        status: e.status ?? (e.kind === 'supply' ? 'showcase' : 'open'),
        pricingMode: e.kind === 'supply' ? (e.pricingMode ?? 'negotiable') : null,
        transactionTypes: e.kind === 'supply' ? (e.transactionTypes ?? ['transfer', 'license']) : [],
        priceFen: e.priceWan === undefined ? null : e.priceWan * 1_000_000,
        deadline: e.kind === 'demand' ? new Date(publishedAt.getTime() + 90 * 86_400_000) : null,
        publishedAt,
        version: 1,
      },
      organisation: { name: e.org },
      result:
        e.kind === 'supply'
          ? {
              id: corpusId(e.key).replace('-8000-', '-9000-'),
              title: e.title,
              securityClass: 'public',
              maturity: e.maturity ?? 'pilot',
            }
          : null,
      ipItems: (e.ip ?? []).map((number) => ({ number, title: '' })),
    });
    if (!doc) throw new Error(`corpus entry ${e.key} is not searchable`);
    return doc;
  });
}
