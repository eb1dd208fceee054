// Which new passwords are accepted: at least ten characters and not guessable — zxcvbn's estimate with
// its common and English dictionaries plus words and number patterns common among Chinese users.
// Applies when a password is chosen (registration, change); existing passwords keep working.
//
// zxcvbn is loaded and its dictionaries ranked on the first password chosen, not at start: they are
// ~14 MB of heap (and twice that in garbage while ranked) that an api process which registers nobody
// never needs (issue 17, the idle api's memory).
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { MIN_PASSWORD_LENGTH } from '../../domain/constants/accounts.js';
import { AppError } from '../../domain/errors.js';

export { MIN_PASSWORD_LENGTH };
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against online attacks and slowed offline ones. */
const MIN_SCORE = 3;

/** Pinyin words, names, places and number patterns Chinese users often build passwords from. */
const CHINESE_COMMON = [
  'woaini',
  'woaini1314',
  'aini1314',
  'wozhidao',
  'nihao',
  'mima',
  'mimamima',
  'zhongguo',
  'zhonghua',
  'beijing',
  'shanghai',
  'shenyang',
  'liaoning',
  'dalian',
  'jiebang',
  'jiebangguashuai',
  'guashuai',
  'laopo',
  'laogong',
  'baobao',
  'xiaobao',
  'tianshi',
  'tiantian',
  'kuaile',
  'xingfu',
  'pingan',
  'fuqi',
  'zhangwei',
  'wangwei',
  'wangfang',
  'liwei',
  'liuyang',
  'zhangyan',
  'xiaoming',
  'xiaohong',
  'xiaoli',
  'wang',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'zhou',
  'sun',
  'zhu',
  'gao',
  'lin',
  'guo',
  'qwe123',
  'qq123456',
  'a123456',
  'aa123456',
  'abc123456',
  'woaiwojia',
  'wodemima',
  'admin123',
  '5201314',
  '1314520',
  '520520',
  '521521',
  '147258369',
  '147258',
  '159357',
  '123321',
  '112233',
  '168168',
  '518518',
  '888888',
  '666666',
  '168888',
  '886886',
  '123qwe',
  '1qaz2wsx',
  'zxcvbnm',
];

let zxcvbn: Promise<ZxcvbnFactory> | null = null;

function checker(): Promise<ZxcvbnFactory> {
  zxcvbn ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary, chineseCommon: CHINESE_COMMON },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  })();
  // A failed load is tried again by the next password, not remembered.
  zxcvbn.catch(() => (zxcvbn = null));
  return zxcvbn;
}

/** Throws PASSWORD_TOO_WEAK unless `password` may be chosen; `personal` are the user's own words (e-mail, names). */
export async function assertStrongPassword(password: string, personal: readonly string[] = []): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH || password.trim().length === 0) {
    throw new AppError('PASSWORD_TOO_WEAK');
  }
  const words = personal.flatMap((p) => p.toLowerCase().split(/[@.\s_-]+/)).filter((w) => w.length >= 3);
  if ((await checker()).check(password, words).score < MIN_SCORE) throw new AppError('PASSWORD_TOO_WEAK');
}
