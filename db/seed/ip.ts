// The IP items (patents, software copyrights, plant varieties, …) of a seeded result.

import type { IndustryField } from '../../domain/constants/listings.js';
import type { IpType } from '../../domain/constants/results.js';
import { shanghaiDate } from '../../domain/results.js';
import {
  icLayoutNumber,
  layoutTitle,
  mainPatentTitle,
  patentNumber,
  plantVarietyNumber,
  primaryIpType,
  processStem,
  secondaryPatentTitle,
  softwareCopyrightNumber,
  softwareStem,
  softwareTitle,
} from './codes.js';
import type { Rng } from './random.js';
import { DAY } from './timeline.js';

export interface IpItemSpec {
  type: IpType;
  number: string;
  title: string;
  grantDate: string | null;
}

const CHEMISTRY_LIKE: readonly IndustryField[] = [
  'new_materials',
  'petrochemical',
  'biomedicine',
  'modern_agriculture',
];
const PROCESS = /制备|合成|发酵|转化|纯化|酶解|治理|干化|改良|培肥|贮藏|保鲜|涂层|热解|深度处理/;
const PRODUCT_MATERIAL = /化合物|螺钉|试纸条|催化剂|材料|涂层|型材|试剂盒|基板|阻燃剂|软镜|结构$/;
const CHIP_DESIGN = /器件|IP核|存储单元|转换器|芯片/;

// Earliest grant years, weighted so that most results hold IP for more than three years (the
// pay-later pool, 措施五, needs them) while some are recent.
const GRANT_YEARS: ReadonlyArray<readonly [number, number]> = [
  [2015, 6],
  [2016, 7],
  [2017, 8],
  [2018, 9],
  [2019, 10],
  [2020, 11],
  [2021, 11],
  [2022, 10],
  [2023, 10],
  [2024, 9],
  [2025, 7],
];

/** The kinds of IP a result carries, in order: its main item first. */
function itemKinds(field: IndustryField, title: string): { type: IpType; title: string }[] {
  const primary = primaryIpType(field, title);
  if (primary === 'plant_variety') {
    return [
      { type: 'plant_variety', title: '' }, // named after the institution below
      { type: 'invention_patent', title: '一种寒地粳稻抗倒伏性状分子标记辅助选择方法' },
    ];
  }
  if (primary === 'software_copyright') {
    return [
      { type: 'software_copyright', title: softwareTitle(title) },
      { type: 'invention_patent', title: mainPatentTitle(title) },
      { type: 'software_copyright', title: `${processStem(title)}移动端软件V1.0` },
    ];
  }
  const secondary = secondaryPatentTitle(title);
  const kinds: { type: IpType; title: string }[] = [
    { type: 'invention_patent', title: mainPatentTitle(title) },
    // A utility model protects a product, never a method.
    {
      type: field === 'modern_agriculture' && !secondary.endsWith('方法') ? 'utility_model' : 'invention_patent',
      title: secondary,
    },
  ];
  if (field === 'integrated_circuits' && CHIP_DESIGN.test(title)) {
    kinds.push({ type: 'ic_layout', title: layoutTitle(title) });
  } else if (CHEMISTRY_LIKE.includes(field) || PROCESS.test(title) || PRODUCT_MATERIAL.test(title)) {
    kinds.push({ type: 'technical_secret', title: `${processStem(title)}关键工艺参数` });
  } else {
    kinds.push({ type: 'software_copyright', title: `${softwareStem(title)}软件V1.0` });
  }
  return kinds;
}

function dateOf(at: Date): string {
  return shanghaiDate(at);
}

export function ipItems(
  rng: Rng,
  now: Date,
  field: IndustryField,
  title: string,
  institutionName: string,
): IpItemSpec[] {
  const latest = now.getTime() - 20 * DAY;
  const kinds = itemKinds(field, title);
  const count = Math.min(
    kinds.length,
    rng.weighted([
      [1, 30],
      [2, 45],
      [3, 25],
    ] as const),
  );
  const year = rng.weighted(GRANT_YEARS);
  const first = Math.min(Date.UTC(year, rng.int(0, 11), rng.int(1, 28), 4), latest);
  const items: IpItemSpec[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i]!;
    const granted = i === 0 ? first : Math.min(first + rng.between(0, 700) * DAY, latest);
    const grantYear = new Date(granted).getUTCFullYear();
    switch (kind.type) {
      case 'invention_patent':
        items.push({
          ...kind,
          number: patentNumber(rng, grantYear - rng.int(2, 4), 1),
          grantDate: dateOf(new Date(granted)),
        });
        break;
      case 'utility_model':
        items.push({
          ...kind,
          number: patentNumber(rng, grantYear - rng.int(0, 1), 2),
          grantDate: dateOf(new Date(granted)),
        });
        break;
      case 'software_copyright':
        items.push({ ...kind, number: softwareCopyrightNumber(rng, grantYear), grantDate: dateOf(new Date(granted)) });
        break;
      case 'ic_layout':
        items.push({ ...kind, number: icLayoutNumber(rng, grantYear), grantDate: dateOf(new Date(granted)) });
        break;
      case 'plant_variety':
        items.push({
          type: 'plant_variety',
          title: `${institutionName.slice(0, 2)}粳${rng.int(3, 19)}号`,
          number: plantVarietyNumber(rng, grantYear - rng.int(2, 3)),
          grantDate: dateOf(new Date(granted)),
        });
        break;
      default:
        // A technical secret is not granted: it has an internal registration number only.
        items.push({ ...kind, number: `JM-${grantYear}-${String(rng.int(1, 299)).padStart(3, '0')}`, grantDate: null });
    }
  }
  return items;
}
