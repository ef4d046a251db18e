import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en, type MsgKey, zhCN } from './messages';

export type Lang = 'zh-CN' | 'en';
export type { MsgKey };

/** A label written in both languages, used by field and menu definitions. */
export interface LocalText {
  zh: string;
  en: string;
}

export type TParams = Record<string, string | number>;

const STORAGE_KEY = 'erp.lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // storage unavailable (private mode): fall through to the default
  }
  return 'zh-CN';
}

function fill(template: string, params?: TParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Current language outside React (the API client sends it as Accept-Language). */
let currentLang: Lang = initialLang();
export function getLang(): Lang {
  return currentLang;
}

function applyLang(lang: Lang) {
  currentLang = lang;
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}
applyLang(currentLang);

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MsgKey, params?: TParams) => string;
  /** Pick the current language from a {zh, en} label. */
  tl: (text: LocalText) => string;
  /** Pick the server message matching the language: message (zh) or messageEn. */
  pick: (zh: string | undefined, enText: string | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore: the choice just won't persist
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const table = lang === 'zh-CN' ? zhCN : en;
    return {
      lang,
      setLang,
      t: (key, params) => fill(table[key], params),
      tl: (text) => (lang === 'zh-CN' ? text.zh : text.en),
      pick: (zh, enText) => (lang === 'zh-CN' ? (zh ?? enText ?? '') : (enText ?? zh ?? '')),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
