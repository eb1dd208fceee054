// Who an organisation is, for registration and verification (认证). 措施十五 (职务科技成果向境外开展赋权
// 和转化，应遵守技术出口等方面相关法律法规) turns on where a party is registered — its domicile — not on
// who owns it: a 外资 enterprise registered in the mainland is a domestic party, a Hong Kong, Macao,
// Taiwan or foreign-registered one is not. Mainland organisations identify with a 统一社会信用代码
// (and a Liaoning city); the others with their own registration number and country or region.
// Operators verify the domicile with the rest of the registration.

import { HK_MACAO_TAIWAN_REGIONS, type Domicile, type Region } from './constants/organisations.js';
import { isValidCreditCode, normaliseCreditCode } from './credit-code.js';
import { AppError } from './errors.js';

export interface IdentityInput {
  kind: 'enterprise' | 'institution';
  domicile: Domicile;
  creditCode?: string | null;
  registrationNumber?: string | null;
  countryOrRegion?: string | null;
  region?: Region | null;
}

export interface Identity {
  domicile: Domicile;
  creditCode: string | null;
  registrationNumber: string | null;
  countryOrRegion: string | null;
  region: Region | null;
}

const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';
const REGISTRATION_NUMBER = /^[0-9A-Za-z][0-9A-Za-z\-/. ]{1,48}[0-9A-Za-z]$/;

/** The identity a registration stores, or the first rule it breaks. */
export function checkIdentity(i: IdentityInput): Identity {
  // 本措施所指科研单位包括省属高等学校、科研院所、医疗卫生机构 (and 中央驻辽单位): all mainland bodies.
  if (i.kind === 'institution' && i.domicile !== 'mainland') throw new AppError('INSTITUTION_MUST_BE_MAINLAND');
  if (i.domicile === 'mainland') {
    const code = normaliseCreditCode(i.creditCode ?? '');
    if (!isValidCreditCode(code)) throw new AppError('INVALID_CREDIT_CODE');
    if (!blank(i.registrationNumber) || !blank(i.countryOrRegion)) {
      throw new AppError('VALIDATION_FAILED', [
        {
          path: '/organisation/registrationNumber',
          message: '境内（内地）机构以统一社会信用代码登记，无需填写境外登记注册号',
        },
      ]);
    }
    if (!i.region) {
      throw new AppError('VALIDATION_FAILED', [{ path: '/organisation/region', message: '请选择所在地区' }]);
    }
    return {
      domicile: 'mainland',
      creditCode: code,
      registrationNumber: null,
      countryOrRegion: null,
      region: i.region,
    };
  }
  if (!blank(i.creditCode)) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/organisation/creditCode', message: '境外（含港澳台）机构没有统一社会信用代码，请填写登记注册号' },
    ]);
  }
  if (i.region) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/organisation/region', message: '所在地区仅适用于境内（内地）机构，请填写所在国家或地区' },
    ]);
  }
  const number = (i.registrationNumber ?? '').trim().toUpperCase();
  const place = (i.countryOrRegion ?? '').trim();
  if (!number || !place) throw new AppError('REGISTRATION_NUMBER_REQUIRED');
  if (!REGISTRATION_NUMBER.test(number)) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/organisation/registrationNumber', message: '登记注册号为3至50位字母、数字，可含“-”“/”“.”和空格' },
    ]);
  }
  if (i.domicile === 'hk_macao_taiwan' && !(HK_MACAO_TAIWAN_REGIONS as readonly string[]).includes(place)) {
    throw new AppError('VALIDATION_FAILED', [
      {
        path: '/organisation/countryOrRegion',
        message: `港澳台机构的所在地区须为${HK_MACAO_TAIWAN_REGIONS.join('、')}之一`,
      },
    ]);
  }
  if (place.length > 50) {
    throw new AppError('VALIDATION_FAILED', [{ path: '/organisation/countryOrRegion', message: '国家或地区名称过长' }]);
  }
  return { domicile: i.domicile, creditCode: null, registrationNumber: number, countryOrRegion: place, region: null };
}

/** 措施十五: a party registered outside the mainland (Hong Kong, Macao and Taiwan included) is 境外. */
export function isOutsideMainland(domicile: Domicile): boolean {
  return domicile !== 'mainland';
}
