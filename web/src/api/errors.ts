import { type I18n, useI18n } from '../i18n';
import { forbiddenText } from './catalogue';
import { ApiError } from './client';

/** The user-facing text of any error, in the current language. */
export function errorText(err: unknown, i18n: I18n): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return i18n.t('common.networkError');
    if (err.code === 'FORBIDDEN' || (err.status === 403 && !err.messageZh)) return forbiddenText(err.details?.permission, i18n);
    const text = i18n.pick(err.messageZh, err.messageEn);
    return text || i18n.t('common.unknownError', { status: err.status });
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

export function useErrorText(): (err: unknown) => string {
  const i18n = useI18n();
  return (err) => errorText(err, i18n);
}
