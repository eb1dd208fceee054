// Identifiers that must look right: unified social credit codes (GB 32100-2015, checked by the
// platform), Chinese patent numbers (with the office's check digit), software copyright numbers.

import type { IndustryField } from '../../domain/constants/listings.js';
import type { IpType } from '../../domain/constants/results.js';
import type { Region } from '../../domain/constants/organisations.js';
import { creditCodeCheckChar } from '../../domain/credit-code.js';
import type { Rng } from './random.js';

// Administrative division codes of Liaoning's prefecture-level cities (GB/T 2260).
const DIVISION_CODES: Record<Region, string> = {
  shenyang: '210100',
  dalian: '210200',
  anshan: '210300',
  fushun: '210400',
  benxi: '210500',
  dandong: '210600',
  jinzhou: '210700',
  yingkou: '210800',
  fuxin: '210900',
  liaoyang: '211000',
  panjin: '211100',
  tieling: '211200',
  chaoyang: '211300',
  huludao: '211400',
};

const CODE_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';
const DIGITS = '0123456789';

/** The 9th character of a GB 11714 organisation code over its first eight characters. */
function organisationCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * weights[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid, unique 18-character credit code: registration authority + type ('91' enterprise,
 * '12' public institution 事业单位), the city's division code, a 9-character organisation code
 * and the GB 32100 check character.
 */
export function creditCode(rng: Rng, kind: 'enterprise' | 'institution', region: Region, used: Set<string>): string {
  for (;;) {
    let body: string;
    if (kind === 'enterprise') {
      body = 'MA' + rng.pick([...DIGITS, ...CODE_LETTERS]);
      for (let i = 0; i < 5; i++) body += rng.pick([...DIGITS, ...CODE_LETTERS]);
    } else {
      body = '4';
      for (let i = 0; i < 7; i++) body += rng.pick([...DIGITS]);
    }
    const first17 = (kind === 'enterprise' ? '91' : '12') + DIVISION_CODES[region] + body + organisationCodeCheck(body);
    const code = first17 + creditCodeCheckChar(first17);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

/** Patent application number ZL + year + type (1 invention, 2 utility model) + serial + '.' + check. */
export function patentNumber(rng: Rng, filingYear: number, type: 1 | 2): string {
  const digits = `${filingYear}${type}${String(rng.int(0, 1_999_999)).padStart(7, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  const check = sum % 11 === 10 ? 'X' : String(sum % 11);
  return `ZL${digits}.${check}`;
}

export function softwareCopyrightNumber(rng: Rng, year: number): string {
  return `${year}SR${String(rng.int(100_000, 1_999_999)).padStart(7, '0')}`;
}

export function icLayoutNumber(rng: Rng, year: number): string {
  return `BS.${String(year % 100).padStart(2, '0')}5${String(rng.int(0, 99_999)).padStart(5, '0')}${rng.int(0, 9)}`;
}

export function plantVarietyNumber(rng: Rng, year: number): string {
  return `CNA${year}${String(rng.int(1, 9999)).padStart(4, '0')}.${rng.int(0, 9)}`;
}

// ---- IP item titles derived from a result's title ----

const METHOD_SUFFIXES = ['技术', '工艺', '设计'];
const SYSTEM_SUFFIXES = ['软件平台', '平台', '软件', '系统', '工具', '算法'];
/** A stem ending in a verb reads as a method ("…在线监测方法"); otherwise it names a thing. */
const VERB_END =
  /(监测|预测|识别|评估|调度|规划|管理|诊断|可视化|预报|分类|抓取|构建|仿真|调控|报警|巡检|检测|控制|处理|优化|改造|认证)$/;
const MONITORING = /监测|预测|识别|评估|调度|管理|诊断|可视化|规划|预报/;
const MATERIAL = /化合物|螺钉|试纸条|催化剂|材料|涂层|结构|型材|试剂盒|基板|阻燃剂|软镜/;

type TitleShape = { shape: 'method' | 'system' | 'product'; stem: string };

function shapeOf(title: string): TitleShape {
  for (const s of METHOD_SUFFIXES) {
    if (title.endsWith(s)) return { shape: 'method', stem: title.slice(0, -s.length).replace(/成套$/, '') };
  }
  for (const s of SYSTEM_SUFFIXES) {
    if (title.endsWith(s)) return { shape: 'system', stem: title.slice(0, -s.length) };
  }
  return { shape: 'product', stem: title };
}

/** Title of the main (first) patent. */
export function mainPatentTitle(title: string): string {
  const { shape, stem } = shapeOf(title);
  if (shape === 'method') return `一种${stem}方法`;
  if (shape === 'system') return VERB_END.test(stem) || !title.endsWith('系统') ? `一种${stem}方法` : `一种${title}`;
  return `一种${title}`;
}

/** Title of a secondary patent or utility model. */
export function secondaryPatentTitle(title: string): string {
  const { shape, stem } = shapeOf(title);
  if (shape === 'method') return MONITORING.test(stem) ? `一种${stem}系统` : `一种${stem}装置`;
  if (shape === 'system') return VERB_END.test(stem) ? `一种${stem}系统` : `一种${title}的控制方法`;
  if (title.endsWith('构造')) return `一种${title}的施工方法`;
  return MATERIAL.test(title) ? `一种${title}的制备方法` : `一种${title}的控制方法`;
}

/** The stem a software name is built on: "…监测" → "…监测软件", "…悬架" → "…悬架控制软件". */
export function softwareStem(title: string): string {
  const { stem } = shapeOf(title);
  return VERB_END.test(stem) ? stem : `${stem}控制`;
}

export function softwareTitle(title: string): string {
  return `${softwareStem(title)}软件V${1 + (title.length % 3)}.0`;
}

export function layoutTitle(title: string): string {
  return `${shapeOf(title).stem}布图设计`;
}

export function processStem(title: string): string {
  return shapeOf(title).stem;
}

/** Which kind of IP the first item of a result in the field usually is. */
export function primaryIpType(field: IndustryField, title: string): IpType {
  if (field === 'modern_agriculture' && title.includes('品种')) return 'plant_variety';
  if (/软件|平台|算法/.test(title) || (field === 'electronic_information' && title.includes('系统'))) {
    return 'software_copyright';
  }
  return 'invention_patent';
}
