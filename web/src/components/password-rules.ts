// Form rules for choosing a password (registration, change, joining by invitation): the api's bounds,
// and a confirmation that must repeat it. `noun` names the field in the message (密码 / 新密码).
import type { FormRule } from 'antd';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../domain/constants/accounts.js';

export function newPasswordRules(noun = '密码'): FormRule[] {
  return [
    { required: true, message: `请输入${noun}` },
    { min: MIN_PASSWORD_LENGTH, message: `${noun}至少 ${MIN_PASSWORD_LENGTH} 个字符` },
    { max: MAX_PASSWORD_LENGTH, message: `${noun}最多 ${MAX_PASSWORD_LENGTH} 个字符` },
  ];
}

/** The confirmation field: required, and equal to the field `of`. */
export function confirmPasswordRules(of: string, noun = '密码'): FormRule[] {
  return [
    { required: true, message: `请再次输入${noun}` },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        !value || value === getFieldValue(of)
          ? Promise.resolve()
          : Promise.reject(new Error(`两次输入的${noun}不一致`)),
    }),
  ];
}
