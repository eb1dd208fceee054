// The domain thesaurus as data (issue 21): per industry field, one entry a line. `a|b|c` — each word
// also finds the others (synonyms, abbreviations, English terms, chemical formulas, old and new
// names); `a>b|c` — one-way: a query for a also finds b and c, not the reverse (a is broader or
// ambiguous). Words are written as people type them; they are normalised when loaded
// (thesaurus.ts). Operators' edits are stored in the database on top of this (search/README.md).

import type { IndustryField } from '../domain/constants/listings.js';
import { THESAURUS_LIFE_ENV_SOURCE } from './thesaurus-data-life.js';

// prettier-ignore
export const THESAURUS_SOURCE: Record<IndustryField | 'general', string> = {
  general: `
人工智能|AI|智能算法
机器学习|ML
深度学习|DL|深度神经网络
大模型|大语言模型|LLM
知识图谱|KG
数字孪生|digital twin
物联网|IoT
工业互联网|IIoT
云计算|cloud computing
边缘计算|MEC|边缘计算网关
大数据|big data
区块链|blockchain
虚拟现实|VR
增强现实|AR
机器视觉|计算机视觉|CV
质检|质量检测
研发|研究开发
产学研|校企合作
专利|发明专利
知识产权|知产
`,
  new_energy: `
锂电池|锂离子电池|LIB
锂电>锂离子电池
钠离子电池|钠电池|SIB
固态电池|全固态电池|固态锂电池
燃料电池|FC
质子交换膜燃料电池|PEMFC|质子交换膜
固体氧化物燃料电池|SOFC
氢燃料电池|氢能电池
液流电池|全钒液流电池|VRFB
储能|能量存储|energy storage
电池管理系统|BMS
荷电状态|SOC
健康状态|SOH
光伏|太阳能电池|PV
光伏组件|光伏板|太阳能板|太阳能电池板
钙钛矿|perovskite
异质结|HJT
隧穿氧化层钝化接触|TOPCon
风电|风力发电|wind power
海上风电|海上风力发电|offshore wind
风机|风力发电机|风电机组
充电桩|充电设施|充电站|充电设备
换电|换电站|电池更换
动力电池|动力锂电池|车用电池
梯次利用|二次利用
碳酸锂|Li2CO3
氢氧化锂|LiOH
磷酸铁锂|LFP|LiFePO4
三元材料|三元正极|NCM|镍钴锰
镍钴铝|NCA
钴酸锂|LCO|LiCoO2
正极材料|阴极材料
负极材料|阳极材料
硅碳负极|硅碳复合负极|Si/C
石墨负极|人造石墨
电解液|electrolyte
隔膜|电池隔膜|separator
储氢|氢气储存|氢储运
加氢站|氢气加注站
电解水制氢|电解制氢|水电解
绿氢|可再生能源制氢
虚拟电厂|VPP
微电网|microgrid
`,
  automotive: `
新能源汽车|电动汽车|电动车|EV|NEV
纯电动汽车|BEV
插电式混合动力|PHEV|插混
混合动力汽车|HEV|混动汽车
燃料电池汽车|FCEV|氢燃料电池汽车
自动驾驶|无人驾驶|autonomous driving
高级驾驶辅助系统|ADAS|辅助驾驶
激光雷达|LiDAR
毫米波雷达|mmWave radar
车联网|V2X|C-V2X
智能座舱|smart cockpit
电驱系统|电驱动系统|电驱
永磁同步电机|PMSM
整车热管理|热管理系统|TMS
热泵空调|热泵系统
车身轻量化|汽车轻量化|轻量化
电子控制单元|ECU
整车控制器|VCU
线控底盘|线控转向|线控制动
汽车线束|线束
白车身|BIW
电池包|PACK|电池系统
碰撞安全|被动安全
无人配送车|无人配送|自动配送车
专用车|特种车辆|专用汽车
冷藏车|冷链运输车
`,
  electronic_information: `
5G|第五代移动通信|5G通信
6G|第六代移动通信
5G专网|行业专网
基站|base station
大规模天线|Massive MIMO|大规模MIMO
北斗|北斗卫星导航系统|BDS
全球导航卫星系统|GNSS
实时动态差分|RTK
窄带物联网|NB-IoT
远距离无线电|LoRa
射频识别|RFID
语音识别|ASR|语音转写
自然语言处理|NLP
光学字符识别|OCR
人脸识别|face recognition
智能问答|问答系统|QA
软件定义网络|SDN
网络安全|信息安全|cyber security
入侵检测|IDS
身份认证|身份鉴别
数据中心|IDC
服务器|server
工业软件|工业APP
计算机辅助设计|CAD
计算机辅助工程|CAE
制造执行系统|MES
企业资源计划|ERP
产品生命周期管理|PLM
可编程逻辑控制器|PLC|可编程控制器
数据采集与监视控制系统|SCADA
光纤通信|光通信
卫星互联网|低轨卫星通信
电子合同|电子签约
存证|电子存证
溯源|追溯|质量追溯
`,
  integrated_circuits: `
集成电路|IC
芯片|chip|晶片
晶圆|wafer
光刻胶|photoresist|光致抗蚀剂
光刻机|lithography machine|光刻设备
碳化硅|SiC
氮化镓|GaN
砷化镓|GaAs
绝缘栅双极型晶体管|IGBT
金属氧化物半导体场效应晶体管|MOSFET|场效应管
微机电系统|MEMS
模数转换器|ADC|模数转换
数模转换器|DAC
低压差线性稳压器|LDO
现场可编程门阵列|FPGA
专用集成电路|ASIC
片上系统|SoC
射频|RF
射频前端|RFFE
低噪声放大器|LNA
电子特气|电子特种气体|电子气体
三氟化氮|NF3
六氟化钨|WF6
化学机械抛光|CMP
化学气相沉积|CVD
物理气相沉积|PVD
原子层沉积|ALD
封装测试|封测
先进封装|SiP|系统级封装
第三代半导体|宽禁带半导体
功率器件|功率半导体
存算一体|存内计算
神经网络加速器|NPU|AI芯片
电子设计自动化|EDA
`,
  robotics_automation: `
机器人|robot
工业机器人|industrial robot
协作机器人|cobot|协作型机器人
自动导引车|AGV|自动导引运输车
自主移动机器人|AMR
移动机器人|mobile robot
焊接机器人|焊接机械手
巡检机器人|巡视机器人
打磨机器人|打磨抛光机器人
减速器|减速机
谐波减速器|谐波减速机
RV减速器|RV减速机
伺服电机|servo motor|伺服马达
伺服驱动器|伺服驱动
编码器|encoder
六维力传感器|六轴力传感器|力觉传感器
机械臂|机械手|robotic arm
末端执行器|夹爪
视觉引导|视觉定位
焊缝跟踪|焊缝识别
路径规划|轨迹规划
即时定位与地图构建|SLAM
数字化车间|智能车间
智能工厂|智慧工厂
柔性制造|FMS
人机协作|HRC
`,
  advanced_equipment: `
数控机床|CNC|CNC机床|数字控制机床
五轴联动|五轴加工|五轴机床
加工中心|machining center
误差补偿|精度补偿
盾构机|隧道掘进机|TBM
轴承|bearing
风电轴承|风机轴承
主轴|电主轴|spindle
激光熔覆|激光堆焊
堆焊|表面堆焊
增材制造|3D打印|快速成型
激光选区熔化|选区激光熔化|SLM
电子束熔化|EBM
阀门|valve
密封|密封件
燃气轮机|燃机|gas turbine
压缩机|compressor
泵|水泵
故障诊断|故障检测
预测性维护|预测维护|PHM
健康监测|状态监测
无损检测|NDT|无损探伤
工程机械|建筑机械
冶金装备|冶金设备
轧辊|轧机辊
`,
  new_materials: `
碳纤维|CF|carbon fiber
碳纤维复合材料|CFRP|碳纤维增强复合材料
预浸料|prepreg
钛合金|titanium alloy
TC4|Ti-6Al-4V
高温合金|superalloy|耐热合金
镍基高温合金|镍基合金
铝合金|aluminum alloy
镁合金|magnesium alloy
稀土永磁|永磁材料
钕铁硼|NdFeB
石墨烯|graphene
碳纳米管|CNT
气凝胶|aerogel
二氧化硅|SiO2
二氧化硅气凝胶|硅气凝胶
氧化铝|Al2O3
氮化硅|Si3N4
氧化锆|ZrO2
陶瓷基复合材料|CMC
聚酰亚胺|PI
聚醚醚酮|PEEK
超高分子量聚乙烯|UHMWPE
导热膜|散热膜
防腐涂层|防腐蚀涂层|anticorrosive coating
重防腐涂料|重防腐涂层
环氧树脂|epoxy
形状记忆合金|SMA
抛光粉|研磨粉
稀土|rare earth
非晶合金|金属玻璃
`,
  petrochemical: `
催化裂化|FCC
加氢裂化|HC
加氢精制|加氢处理
催化剂|catalyst
分子筛|zeolite
变压吸附|PSA
聚烯烃弹性体|POE
乙烯-醋酸乙烯共聚物|EVA
聚乙烯|PE
聚丙烯|PP
聚氯乙烯|PVC
聚对苯二甲酸乙二醇酯|PET|涤纶
废塑料|塑料垃圾|塑料废弃物
化学回收|化学循环
热解|裂解|pyrolysis
二氧化碳|CO2
二氧化碳捕集|碳捕集|CCS
碳捕集利用与封存|CCUS
甲醇|CH3OH
氢气|H2
液化天然气|LNG
液化石油气|LPG
挥发性有机物|VOCs|VOC
化学需氧量|COD
生化需氧量|BOD
高级氧化|AOPs
油品|燃料油
炼化|炼油化工
精细化工|精细化学品
煤化工|煤制油
`,
  ...THESAURUS_LIFE_ENV_SOURCE,
};
