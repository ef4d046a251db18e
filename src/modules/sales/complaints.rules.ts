// S9 客户投诉's steps: 已登记 → 已确认 (the business manager) → 处理中 (a replacement made)
// → 已结案. A step taken out of turn is refused, naming where the complaint stands.
import { errors } from '../../core/errors.js';

export const COMPLAINT_STATUS_ZH = { received: '已登记', confirmed: '已确认', in_progress: '处理中', closed: '已结案' } as const;
export type ComplaintStatus = keyof typeof COMPLAINT_STATUS_ZH;

export const wrongStep = (number: string, status: string, zh: string, en: string) =>
  errors.conflict(
    'COMPLAINT_WRONG_STEP',
    `投诉 ${number} 当前为${COMPLAINT_STATUS_ZH[status as ComplaintStatus] ?? status}，${zh}`,
    `Complaint ${number} is ${status}; ${en}`,
    { status },
  );

/** Only a complaint just received is confirmed. */
export function checkConfirmable(c: { number: string; status: string }) {
  if (c.status !== 'received') throw wrongStep(c.number, c.status, '不能再确认', 'it cannot be confirmed again');
}

/** A replacement needs the business manager's confirmation, and is made once. */
export function checkReplaceable(c: { number: string; status: string }) {
  if (c.status !== 'confirmed')
    throw wrongStep(c.number, c.status, '业务经理确认后才能开补件单', 'a replacement needs the business manager’s confirmation first');
}

/** Closed once, and only after confirmation. */
export function checkClosable(c: { number: string; status: string }) {
  if (c.status === 'closed') throw wrongStep(c.number, c.status, '已结案', 'it is already closed');
  if (c.status === 'received') throw wrongStep(c.number, c.status, '须先经业务经理确认', 'the business manager must confirm it first');
}

/** The daily summary customer service reads: how many, in which state. */
export const complaintSummary = (items: { status: string }[]) =>
  Object.fromEntries(Object.keys(COMPLAINT_STATUS_ZH).map((s) => [s, items.filter((i) => i.status === s).length]));
