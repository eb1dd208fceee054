// The domain thesaurus, continued (format in thesaurus-data.ts): biomedicine, medical devices,
// energy conservation, aerospace, modern agriculture and marine.

import type { IndustryField } from '../domain/constants/listings.js';

type LifeEnvField =
  'biomedicine' | 'medical_devices' | 'energy_conservation' | 'aerospace' | 'modern_agriculture' | 'marine';

// prettier-ignore
export const THESAURUS_LIFE_ENV_SOURCE: Record<LifeEnvField & IndustryField, string> = {
  biomedicine: `
单克隆抗体|单抗|mAb
抗体药物偶联物|ADC药物
程序性死亡受体1|PD-1
嵌合抗原受体T细胞|CAR-T|CAR-T细胞
细胞治疗|细胞疗法
基因治疗|gene therapy
信使核糖核酸|mRNA
mRNA疫苗|信使RNA疫苗
疫苗|vaccine
脂质纳米颗粒|LNP
多肽药物|肽类药物|多肽
胰高血糖素样肽-1|GLP-1
中药|TCM|中医药
中药饮片|饮片
中药配方颗粒|配方颗粒
人参皂苷|ginsenoside
原料药|API
仿制药|generic drug
一致性评价|仿制药一致性评价
创新药|新药
临床试验|clinical trial
药物递送|给药系统|DDS
缓释制剂|缓控释制剂
生物类似药|biosimilar
干细胞|stem cell
聚合酶链式反应|PCR
核酸检测|PCR检测
体外诊断|IVD
合同研发生产组织|CDMO
合同研究组织|CRO
良好生产规范|GMP
`,
  medical_devices: `
医学影像|医疗影像|medical imaging
计算机断层扫描|CT
磁共振成像|MRI|核磁共振
超声|超声波|B超|ultrasound
心电|心电图|ECG|EKG
脑电|脑电图|EEG
手术机器人|外科手术机器人
骨科手术机器人|骨科机器人
腹腔镜|laparoscope
内窥镜|内镜|endoscope
血管支架|冠脉支架|心脏支架
可降解支架|生物可吸收支架
外骨骼|外骨骼机器人|exoskeleton
康复机器人|康复训练机器人
可穿戴设备|穿戴式设备|wearable
远程医疗|互联网医疗
辅助诊断|计算机辅助诊断|CAD诊断
医疗器械注册证|注册证
二类医疗器械|第二类医疗器械
三类医疗器械|第三类医疗器械
呼吸机|ventilator
监护仪|patient monitor
体外膜肺氧合|ECMO
人工关节|关节假体
助听器|hearing aid
`,
  energy_conservation: `
余热|废热|waste heat
余热回收|余热利用|废热回收
有机朗肯循环|ORC
热泵|heat pump
脱硫|烟气脱硫|FGD
脱硝|烟气脱硝|DeNOx
选择性催化还原|SCR
选择性非催化还原|SNCR
氮氧化物|NOx
二氧化硫|SO2
细颗粒物|PM2.5
超低排放|超净排放
污水处理厂|污水厂|wastewater treatment plant
废水|污水
零排放|ZLD|零液体排放
污泥|sludge
干化|烘干|干燥
曝气|aeration
膜生物反应器|MBR
反渗透|RO
反渗透膜|RO膜
固体废物|固废
危险废物|危废
垃圾焚烧|焚烧发电
碳达峰|达峰
碳中和|净零排放
碳排放|温室气体排放
节能|能效提升
合同能源管理|EMC
`,
  aerospace: `
无人机|无人驾驶航空器|UAV|无人飞行器|drone
植保无人机|农用无人机|农业无人机
垂直起降|VTOL
固定翼|fixed wing
航空发动机|aeroengine|航发
涡轮叶片|turbine blade
单晶叶片|单晶涡轮叶片
涡轮盘|turbine disk
惯性导航|惯导|INS
惯性测量单元|IMU
卫星通信|satcom
动中通|移动卫星通信
遥感|remote sensing
通用航空|通航
适航|适航认证
复合材料修理|复材修理
机载设备|航电
航天器|spacecraft
运载火箭|火箭
商业航天|民营航天
低空经济|低空飞行
`,
  modern_agriculture: `
育种|品种选育
分子育种|分子标记辅助育种|MAS
水稻|稻谷
玉米|maize
秸秆|作物秸秆
秸秆综合利用|秸秆利用
设施农业|温室农业
温室|大棚|温室大棚
智慧农业|数字农业|精准农业
水肥一体化|滴灌施肥
滴灌|drip irrigation
农药残留|农残
农产品溯源|农产品追溯
冷链|冷链物流|cold chain
保鲜|保鲜技术
气调包装|MAP
食用菌|蘑菇
生物农药|微生物农药
生物质|biomass
饲料|feed
畜禽养殖|畜牧养殖
土壤改良|土壤修复
盐碱地|盐碱土
`,
  marine: `
海水淡化|海水脱盐|desalination
水下机器人|无人潜航器|ROV|AUV|水下航行器
海参|刺参
压载水|船舶压载水|ballast water
压载水处理|BWMS
集装箱码头|码头
自动化码头|智慧港口|无人码头
岸桥|岸边集装箱起重机
集卡|集装箱卡车
海上平台|海洋平台
海洋工程|海工
防腐|防腐蚀
阴极保护|cathodic protection
船舶|舰船
柴油机|diesel engine
低速柴油机|船用低速机
液化天然气船|LNG船
国际海事组织|IMO
声呐|声纳|sonar
海洋牧场|海洋养殖
深海|深远海
`,
};
