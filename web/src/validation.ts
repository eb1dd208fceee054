// Form rules shared by several pages. The api validates again; these only give earlier feedback.
import type { FormRule as Rule } from 'antd';

// Mobile numbers and landlines with area code: digits, + - and spaces (the api's pattern).
const PHONE = /^[0-9+\- ]{5,20}$/;

export const phoneRule: Rule = {
  validator: (_, value: string | undefined) =>
    !value || PHONE.test(value.trim())
      ? Promise.resolve()
      : Promise.reject(new Error('电话号码只能包含数字、+、- 和空格，5至20位')),
};

export const websiteRule: Rule = {
  validator: (_, value: string | undefined) => {
    if (!value) return Promise.resolve();
    try {
      const u = new URL(value.trim());
      if (u.protocol === 'http:' || u.protocol === 'https:') return Promise.resolve();
    } catch {
      return Promise.reject(new Error('请输入以 http:// 或 https:// 开头的网址'));
    }
    return Promise.reject(new Error('请输入以 http:// 或 https:// 开头的网址'));
  },
};
