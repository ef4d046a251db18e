// The one error type every layer throws for something the caller can fix: a stable code
// scripts can match on, a Chinese and an English message, and the HTTP status.
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 423 | 429 | 500 | 503,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: ErrorDetails,
  ) {
    super(messageEn);
    this.name = 'AppError';
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.messageZh,
        messageEn: this.messageEn,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const errors = {
  validation: (issues: { path: string; message: string; messageEn: string; code?: string }[]) => {
    // Text that cannot be stored has a code of its own (a client can tell it from a typo),
    // naming the first such field; the other issues still come along.
    const text = issues.find((i) => i.code === 'INVALID_TEXT');
    if (text) return errors.invalidText(text.path, issues);
    return new AppError(
      'VALIDATION_FAILED',
      400,
      `输入有误：${issues.map((i) => `${i.path || '请求'} ${i.message}`).join('；')}`,
      `Invalid input: ${issues.map((i) => `${i.path || 'body'} ${i.messageEn}`).join('; ')}`,
      { issues },
    );
  },
  invalidText: (field: string, issues?: { path: string; message: string; messageEn: string; code?: string }[]) =>
    new AppError(
      'INVALID_TEXT',
      400,
      `${field || '请求体'}包含无法保存的字符（NUL 字符或不成对的代理项），请删除后重试`,
      `${field || 'The body'} contains a character that cannot be stored (a NUL or an unpaired surrogate)`,
      { field, ...(issues ? { issues } : {}) },
    ),
  malformedJson: () => new AppError('MALFORMED_JSON', 400, '请求体不是有效的 JSON', 'The request body is not valid JSON'),
  notFound: (entity: string, entityEn: string, id?: string) =>
    new AppError('NOT_FOUND', 404, `找不到${entity}${id ? `（${id}）` : ''}`, `${entityEn} not found${id ? ` (${id})` : ''}`, { entity, id }),
  duplicateCode: (field: string, value?: string) =>
    new AppError(
      'DUPLICATE_CODE',
      409,
      `${field === 'code' ? '编码' : field}已存在${value ? `：${value}` : ''}`,
      `${field} already exists${value ? `: ${value}` : ''}`,
      { field, value },
    ),
  /** An id in the request names no row of the right kind in the caller's company (core/references.ts). */
  referenceNotFound: (field: string, what?: { zh: string; en: string }) =>
    new AppError(
      'REFERENCE_NOT_FOUND',
      422,
      what ? `${what.zh}（${field}）` : `引用的记录不存在：${field}`,
      what ? `${what.en} (${field})` : `Referenced record does not exist: ${field}`,
      { field },
    ),
  unauthenticated: () => new AppError('UNAUTHENTICATED', 401, '请先登录', 'Please log in'),
  forbidden: (permission: string) => new AppError('FORBIDDEN', 403, `没有权限：${permission}`, `Permission denied: ${permission}`, { permission }),
  badCredentials: () => new AppError('BAD_CREDENTIALS', 401, '用户名或密码错误', 'Wrong user name or password'),
  loginThrottled: (until: Date, now: Date, scope: 'account' | 'address') => {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return new AppError('LOGIN_THROTTLED', 429, `登录失败次数过多，请 ${seconds} 秒后再试`, `Too many failed logins; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
      scope,
    });
  },
  accountLocked: (until: Date) =>
    new AppError(
      'ACCOUNT_LOCKED',
      423,
      `密码错误次数过多，账户已锁定至 ${until.toLocaleString('zh-CN', { hour12: false })}`,
      `Too many failed logins; the account is locked until ${until.toISOString()}`,
      { lockedUntil: until.toISOString() },
    ),
  conflict: (code: string, zh: string, en: string, details?: ErrorDetails) => new AppError(code, 409, zh, en, details),
  unprocessable: (code: string, zh: string, en: string, details?: ErrorDetails) => new AppError(code, 422, zh, en, details),
  busy: () => new AppError('BUSY_RETRY', 503, '系统繁忙，请稍后重试', 'The system is busy; please retry'),
  databaseUnavailable: () =>
    new AppError(
      'DATABASE_UNAVAILABLE',
      503,
      '数据库暂时无法连接，请稍后重试（未保存任何内容）',
      'The database cannot be reached; nothing was saved, retry shortly',
    ),
};
